#!/usr/bin/env bash
# Install what the tests need beyond Python: TeX Live (PDF), poppler (reading the PDF),
# Chromium (browser tests) and a Java runtime (EPUBCheck, which the `epubcheck` Python
# package ships as a jar), from Debian/Ubuntu packages. Does nothing if all are present.
set -euo pipefail

missing=0
for tool in latexmk xelatex pdftotext pdftoppm chromium java; do
  command -v "$tool" >/dev/null 2>&1 || missing=1
done
fc-list 2>/dev/null | grep -qi "FreeSerif" || missing=1
[ "$missing" = 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: apt-get not found; install TeX Live (xelatex, latexmk)," \
       "poppler-utils, Chromium and a Java runtime yourself" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "install-system-deps: run as root (or install sudo) to install Debian packages" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends \
  latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra \
  texlive-fonts-recommended fonts-freefont-otf tex-gyre poppler-utils chromium \
  default-jre-headless >/dev/null
