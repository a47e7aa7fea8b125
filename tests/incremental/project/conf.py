# The small knowledge base the incremental-build tests edit and rebuild.
extensions = ["sphinx_kb", "sphinx_sitemap"]
project = "Incremental"
root_doc = "docs/index"
include_patterns = ["docs/**"]
exclude_patterns = ["_build"]
html_theme = "furo"
myst_enable_extensions = ["colon_fence"]
kb_undeclared_tags = "allow"
kb_related_count = 3
kb_listing_page_size = 2
kb_feed_length = 4
html_baseurl = "https://kb.example.org/"
sitemap_url_scheme = "{link}"
