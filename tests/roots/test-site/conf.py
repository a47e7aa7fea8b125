"""The sample knowledge base as a site, for the browser and accessibility tests.

A copy of the repository's docs/ (articles, glossary, tags) so the tests do not
change when the sample does; settings as the sample's conf.py for the HTML site.
"""

project = "Immune Health Knowledge Base"
author = "sphinx-kb contributors"
copyright = "2026, sphinx-kb contributors"
extensions = ["sphinx_kb", "sphinx_sitemap", "sphinxext.opengraph"]
root_doc = "docs/index"
include_patterns = ["docs/**"]
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
myst_heading_anchors = 3
html_theme = "furo"
html_title = "Immune Health Knowledge Base"
html_baseurl = "https://kb.example.org/"
html_last_updated_fmt = ""
html_copy_source = False
html_show_sourcelink = False
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_enable_meta_description = False

kb_tag_vocabulary = "docs/tags.yml"
kb_glossary_doc = "docs/glossary"
