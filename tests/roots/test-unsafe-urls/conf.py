# Script URLs in every place content can put one; each sets window.__pwned if it runs.
extensions = ["sphinx_kb"]
root_doc = "docs/index"
include_patterns = ["docs/**"]
project = "URLs"
kb_tag_vocabulary = ""
myst_enable_extensions = ["colon_fence"]
