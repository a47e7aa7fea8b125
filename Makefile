# Sphinx's usual Makefile ("make html", "make latexpdf", "make epub", "make clean"; any other
# Sphinx builder name works too, "make help" lists them) plus "make test".
# The first build creates .venv and installs this project into it.
# SPHINXOPTS adds options, e.g. make html SPHINXOPTS="-W --keep-going -n".

PYTHON        ?= python3
VENV          ?= .venv
SPHINXOPTS    ?=
SPHINXBUILD   ?= $(VENV)/bin/python -m sphinx
SOURCEDIR     = .
BUILDDIR      = _build

help: $(VENV)/.installed
	@$(SPHINXBUILD) -M help "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

.PHONY: help html latexpdf epub clean test lint

# Files that exist are not Sphinx targets.
pyproject.toml Makefile: ;

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --upgrade pip
	$(VENV)/bin/python -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(VENV)/bin/python -m pip install -q -e '.[test]'
	@touch $@

# latexpdf: the LaTeX builder, then latexmk with xelatex (see conf.py) in $(BUILDDIR)/latex.
html latexpdf epub clean: $(VENV)/.installed
	@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check src tests benchmarks conf.py
	$(VENV)/bin/ruff format --check src tests benchmarks conf.py

# The whole suite: system packages it needs (TeX Live, Chromium; via apt-get where
# possible), lint, then pytest (real Sphinx builds, latexmk and a headless browser) on
# three set-ups: this venv, the lowest supported releases (Python 3.11) and the newest
# (Python 3.13); KB_MATRIX=default runs only the first (scripts/test-matrix.sh).
test: $(VENV)/.installed-test lint
	bash scripts/install-system-deps.sh
	VENV=$(VENV) bash scripts/test-matrix.sh

# Catch-all: route every other target to Sphinx's "make mode".
%: Makefile $(VENV)/.installed
	@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS) $(O)
