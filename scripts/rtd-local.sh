#!/usr/bin/env bash
# Reproduce Read the Docs' build of this project locally, step by step, as
# .readthedocs.yaml asks for it: a checkout, a fresh virtualenv, `pip install .`,
# then the html, pdf (LaTeX + latexmk) and epub commands Read the Docs runs.
#
#   scripts/rtd-local.sh              # the working tree as it is (tracked + new files)
#   scripts/rtd-local.sh --committed  # HEAD only, like a clone
#
# Environment: RTD_PROJECT (slug used as the PDF's job name, default sphinx-kb),
# RTD_LOCAL_PYTHON (interpreter; default python<build.tools.python>),
# RTD_LOCAL_KEEP=1 (keep the temporary folder).  Unlike Read the Docs, pip's
# download cache is used, and the script fails when latexmk reports an error or a
# format's single output file is missing.  Exits non-zero on any failure.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECT=${RTD_PROJECT:-sphinx-kb}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rtd-local.XXXXXX")
CHECKOUT=$WORK/checkout
VENV=$WORK/venv
OUT=$CHECKOUT/_readthedocs  # Read the Docs' $READTHEDOCS_OUTPUT
START=$SECONDS

cleanup() {
    if [[ ${RTD_LOCAL_KEEP:-0} == 1 ]]; then
        echo "[rtd-local] kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

step() { printf '\n[rtd-local] (%ss) %s\n' "$((SECONDS - START))" "$*"; }
run() {
    printf '+ %s\n' "$*"
    "$@"
}
fail() {
    echo "[rtd-local] FAILED: $*" >&2
    exit 1
}

step "checkout into $CHECKOUT"
mkdir -p "$CHECKOUT"
if [[ ${1:-} == --committed ]]; then
    git -C "$REPO" archive HEAD | tar -x -C "$CHECKOUT"
else
    # What a clone would hold, plus new files not ignored; ignored ones (.venv,
    # _build, generated pages) stay out.  Deleted tracked files are skipped.
    (
        cd "$REPO"
        git ls-files -z --cached --others --exclude-standard |
            while IFS= read -r -d '' path; do
                [[ -f $path ]] && printf '%s\0' "$path"
            done |
            tar --null -T - -cf -
    ) | tar -xf - -C "$CHECKOUT"
fi
cd "$CHECKOUT"
[[ -f .readthedocs.yaml ]] || fail "no .readthedocs.yaml"

# build.tools.python from the config (the only "python: <version>" line).
VERSION=$(sed -n 's/^ *python: *"\{0,1\}\([0-9][0-9.]*\)"\{0,1\} *$/\1/p' .readthedocs.yaml)
PYTHON=${RTD_LOCAL_PYTHON:-python$VERSION}
command -v "$PYTHON" >/dev/null || fail "$PYTHON not found (build.tools.python is $VERSION)"
command -v latexmk >/dev/null || fail "latexmk not found"

step "virtualenv ($PYTHON)"
run "$PYTHON" -m venv "$VENV"
PY=$VENV/bin/python

step "install (python.install: method pip, path ., no extras)"
run "$PY" -m pip install --quiet --upgrade pip setuptools
run "$PY" -m pip install --quiet --upgrade sphinx
run "$PY" -m pip install --quiet --upgrade --upgrade-strategy only-if-needed .

export READTHEDOCS=True READTHEDOCS_PROJECT=$PROJECT READTHEDOCS_VERSION=latest
export READTHEDOCS_LANGUAGE=en READTHEDOCS_OUTPUT=$OUT

step "html"
run "$PY" -m sphinx -T -b html -d _build/doctrees -D language=en . "$OUT/html"
[[ -f $OUT/html/index.html ]] || fail "no html/index.html"

step "pdf: LaTeX"
run "$PY" -m sphinx -T -b latex -D language=en -d _build/doctrees . "$OUT/pdf"
step "pdf: latexmk (the latexmkrc Sphinx wrote selects xelatex)"
LATEXMK=(latexmk -r latexmkrc -pdf -f -dvi- -ps- "-jobname=$PROJECT" -interaction=nonstopmode)
printf '+ (cd %s && %s)\n' "$OUT/pdf" "${LATEXMK[*]}"
(cd "$OUT/pdf" && "${LATEXMK[@]}" >latexmk.out 2>&1) ||
    { tail -40 "$OUT/pdf/latexmk.out"; fail "latexmk exited non-zero"; }
LOG=$OUT/pdf/$PROJECT.log
grep -n '^! ' "$LOG" && fail "LaTeX errors in $LOG"
grep -n 'multiply defined' "$LOG" && fail "multiply defined labels in $LOG"
shopt -s nullglob
pdfs=("$OUT"/pdf/*.pdf)
[[ ${#pdfs[@]} == 1 ]] || fail "expected one PDF, found ${#pdfs[@]}"

step "epub"
run "$PY" -m sphinx -T -b epub -d _build/doctrees -D language=en . "$OUT/epub"
epubs=("$OUT"/epub/*.epub)
[[ ${#epubs[@]} == 1 ]] || fail "expected one EPUB, found ${#epubs[@]}"

step "done"
pages=$(pdfinfo "${pdfs[0]}" 2>/dev/null | sed -n 's/^Pages: *//p' || true)
echo "  html: $OUT/html ($(find "$OUT/html" -name '*.html' | wc -l) pages)"
echo "  pdf:  ${pdfs[0]##*/} (${pages:-?} pages, $(grep -c '^Overfull' "$LOG" || true) overfull boxes)"
echo "  epub: ${epubs[0]##*/} ($(du -k "${epubs[0]}" | cut -f1) KiB)"
echo "[rtd-local] passed in $((SECONDS - START))s"
