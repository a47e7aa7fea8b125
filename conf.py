"""Sphinx configuration for the sample knowledge base (Read the Docs runs this file)."""

from __future__ import annotations

import os

project = "Immune Health Knowledge Base"
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

# PDF through xelatex, with fonts from Debian's packages.
latex_engine = "xelatex"
latex_documents = [
    ("docs/index", "knowledge-base.tex", project, author, "manual"),
]
epub_basename = "knowledge-base"
