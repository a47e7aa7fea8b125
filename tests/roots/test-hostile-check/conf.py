# A small, clean knowledge base: the base that kb check tests add bad files to.
extensions = ["sphinx_kb"]
root_doc = "docs/index"
include_patterns = ["docs/**"]
exclude_patterns = ["_build"]
html_theme = "furo"
myst_enable_extensions = ["colon_fence"]
kb_undeclared_tags = "warn"
