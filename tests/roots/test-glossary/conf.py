"""A small knowledge base for the glossary tests."""

project = "Glossary test"
extensions = ["sphinx_kb"]
root_doc = "docs/index"
include_patterns = ["docs/**"]
exclude_patterns = ["_build"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist", "dollarmath"]
html_theme = "furo"
nitpicky = True

kb_articles_dir = "docs/articles"
kb_tag_vocabulary = ""
kb_undeclared_tags = "allow"
kb_glossary_doc = "docs/glossary"
kb_glossary_autolink = "first-per-page"
# These tests are about which mentions match; the per-paragraph limit has its own
# tests (tests/glossary/test_glossary_density.py).
kb_glossary_max_links = 0
