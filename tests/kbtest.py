"""Helpers for the top-level tests: fixture paths, parsed HTML, warnings, project copies."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).resolve().parent / "roots"
#: Pagefind's newest release from npm (scripts/test-matrix.sh installs it), run through
#: ``kb_pagefind`` beside the pagefind-bin wheel's.
NPM_PAGEFIND = REPO / ".matrix" / "npm" / "node_modules" / ".bin" / "pagefind"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def page(app, docname: str) -> BeautifulSoup:
    """The page the builder wrote for ``docname`` (the home page is at the site root)."""
    return soup(Path(app.builder.get_outfilename(docname)))


def warnings_of(app) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def copy_project(source: Path, dest: Path) -> Path:
    """A project's conf.py, docs/ (without generated folders), _static and _templates
    copied into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "conf.py", dest / "conf.py")
    shutil.copytree(
        source / "docs", dest / "docs", ignore=shutil.ignore_patterns("tags", "archive")
    )
    for folder in ("_static", "_templates"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, dest / folder)
    return dest


#: Pagefind's signature before the JSON of a fragment (gzipped) file.
_PAGEFIND_SIGNATURE = b"pagefind_dcd"


def pagefind_records(outdir: Path) -> dict[str, dict[str, Any]]:
    """What Pagefind indexed: URL -> the fragment it keeps for a result (text, metadata,
    filters).  Pagefind writes its filter and metadata files in a different order on
    every run (Pagefind/pagefind#638), so builds are compared through these."""
    records = {}
    for path in sorted((outdir / "_pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(_PAGEFIND_SIGNATURE), path
        record = json.loads(data[len(_PAGEFIND_SIGNATURE) :])
        records[record["url"]] = record
    return records


def build_project(
    srcdir: Path, builddir: Path, buildername: str = "html", **confoverrides: Any
) -> tuple[SphinxTestApp, str, str]:
    """A real build of ``srcdir``: the app, its status output and its warnings."""
    status, warnings = StringIO(), StringIO()
    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        confoverrides=confoverrides or None,
        status=status,
        warning=warnings,
    )
    try:
        app.build()
    finally:
        # Unregister its nodes and directives now, so the next app starts clean; the
        # environment and the output stay readable.
        app.cleanup()
    return app, status.getvalue(), warnings.getvalue()
