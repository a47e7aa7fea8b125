"""Sphinx configuration for the sample knowledge base (Read the Docs runs this file)."""

from __future__ import annotations

import os

project = "Immune Health Knowledge Base"
version = release = "2026.11"
author = "sphinx-kb contributors"
copyright = "2026, sphinx-kb contributors"

extensions = [
    "sphinx_kb",
    "sphinx_sitemap",
    "sphinxext.opengraph",
]

# The repository root is the source directory; only docs/ holds content.
root_doc = "docs/index"
include_patterns = ["docs/**"]
exclude_patterns = ["_build", ".venv", "venv", "**/.ipynb_checkpoints"]
templates_path = ["_templates"]
html_static_path = ["_static"]

source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "Immune Health Knowledge Base"
html_css_files = ["kb-theme.css"]
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://sphinx-kb.readthedocs.io/en/latest/"
)
html_last_updated_fmt = ""
html_copy_source = False
html_show_sourcelink = False
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_enable_meta_description = False  # sphinx-kb writes the description from front matter
ogp_social_cards = {"enable": False}

# sphinx-kb settings (see README "Settings").
kb_articles_dir = "docs/articles"
kb_tag_vocabulary = "docs/tags.yml"
kb_undeclared_tags = "warn"
kb_glossary_doc = "docs/glossary"
kb_glossary_autolink = "first-per-page"
kb_description = (
    "Plain-language articles about the immune system, cancer and immunotherapy, "
    "with a glossary of the words they use."
)
DISCLAIMER = (
    "This knowledge base gives general information about health. It is not medical advice "
    "and does not replace advice from a doctor, nurse or pharmacist who knows you. "
    "If you are worried about your health, talk to a health professional; "
    "in an emergency, call your local emergency number."
)
# On the PDF's title page, and at the foot of every web page (_templates/kb-page-footer.html).
kb_pdf_disclaimer = DISCLAIMER
html_context = {"disclaimer": DISCLAIMER}

# PDF through xelatex, with fonts from Debian's packages (fonts-freefont-otf),
# which Read the Docs' build image has too.  sphinx_kb shapes it as a booklet
# (sphinx_kb.outputs.latex and .booklet): a title page, part "Articles" (topic
# chapters, see kb_pdf_grouping; sections: articles), part "Reference" (the
# glossary), then the index.
latex_engine = "xelatex"
latex_documents = [
    ("docs/index", "knowledge-base.tex", project, author, "manual"),
]
latex_toplevel_sectioning = "part"
latex_show_pagerefs = True
latex_show_urls = "footnote"
# xindy is not in every TeX installation (Debian packages it separately).
latex_use_xindy = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # One-sided: no blank pages after parts and chapters in an on-screen PDF.
    "extraclassoptions": "openany,oneside",
    "fontpkg": r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic,
  BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique,
  BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Scale=0.9, Extension=.otf, UprightFont=*,
  ItalicFont=*Oblique, BoldFont=*Bold, BoldItalicFont=*BoldOblique]
""",
    # Parts and chapters, then articles, in the table of contents; only chapters
    # are numbered.  sphinx_kb's own LaTeX package sets the booklet's layout.
    "tocdepth": r"\setcounter{tocdepth}{1}",
    "secnumdepth": r"\setcounter{secnumdepth}{0}",
}
latex_domain_indices = False

epub_basename = "knowledge-base"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_scheme = "URL"
epub_identifier = html_baseurl
# The home page's toctree is hidden (the web page shows cards instead); the
# e-book's table of contents needs it all the same.
epub_tocscope = "includehidden"
epub_show_urls = "no"
