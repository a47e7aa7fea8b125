# Hostile content: every payload sets window.__pwned, retitles the page or opens a dialog
# if it ever runs.  The tests build this project and load every page in Chromium.
extensions = ["sphinx_kb"]
root_doc = "docs/index"
include_patterns = ["docs/**"]
html_theme = "furo"
project = "Hostile"
myst_enable_extensions = ["colon_fence"]
kb_undeclared_tags = "allow"
