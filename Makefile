# Sphinx's usual Makefile.  "make html", "make latexpdf", "make epub", "make clean";
# any other Sphinx builder name works too ("make help" lists them).
# SPHINXOPTS adds options, e.g. make html SPHINXOPTS="-W --keep-going -n".

SPHINXOPTS    ?=
# The project's virtualenv when there is one, else whatever sphinx-build is on PATH.
SPHINXBUILD   ?= $(if $(wildcard .venv/bin/python),.venv/bin/python -m sphinx,sphinx-build)
SOURCEDIR     = .
BUILDDIR      = _build

help:
	@$(SPHINXBUILD) -M help "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

.PHONY: help html latexpdf epub clean Makefile

# latexpdf: the LaTeX builder, then latexmk with xelatex (see conf.py) in $(BUILDDIR)/latex.
html latexpdf epub clean:
	@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

# Catch-all: route every other target to Sphinx's "make mode".
%: Makefile
	@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)
