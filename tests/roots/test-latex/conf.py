"""A small knowledge base for the book tests: Unicode, sphinx-design, glossary."""

project = "Book Test KB"
author = "Test Author"
extensions = ["sphinx_kb"]
root_doc = "docs/index"
include_patterns = ["docs/**"]
exclude_patterns = ["_build"]
html_theme = "furo"
myst_enable_extensions = ["colon_fence", "smartquotes"]
kb_undeclared_tags = "warn"

latex_engine = "xelatex"
latex_documents = [("docs/index", "book.tex", project, author, "manual")]
latex_toplevel_sectioning = "part"
latex_show_pagerefs = True
latex_use_xindy = False
latex_elements = {
    "papersize": "a4paper",
    "extraclassoptions": "openany,oneside",
    "fontpkg": r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic,
  BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique,
  BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Scale=0.9, Extension=.otf, UprightFont=*,
  ItalicFont=*Oblique, BoldFont=*Bold, BoldItalicFont=*BoldOblique]
""",
    "preamble": r"\setlength{\headheight}{14pt}",
}
