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


def search_bundle(outdir: Path) -> tuple[dict[str, Any], Path]:
    """The search index's entry file and the folder of this build's files."""
    meta = json.loads((outdir / "_kbsearch" / "index.json").read_text("utf-8"))
    return meta, outdir / "_kbsearch" / meta["build"]


def search_records(outdir: Path) -> dict[str, dict[str, Any]]:
    """What the search index holds: address -> the fields a result shows (title, kind,
    date, tags, text or definition, link), read back from the bundle's files."""
    meta, folder = search_bundle(outdir)
    records = {}
    for number in range(meta["pages"]):
        record = json.loads(gzip.decompress((folder / "p" / f"{number}.kbz").read_bytes()))
        records[record["url"]] = record
    return records


def search_words(outdir: Path) -> dict[str, dict[str, int]]:
    """The index's words: stem -> {address: score}."""
    meta, folder = search_bundle(outdir)
    urls = list(search_records(outdir))
    words: dict[str, dict[str, int]] = {}
    for number in range(len(meta["chunks"])):
        chunk = json.loads(gzip.decompress((folder / "w" / f"{number}.kbz").read_bytes()))
        for word, (deltas, scores) in chunk.items():
            page, pages = 0, {}
            for delta, score in zip(deltas, scores, strict=True):
                page += delta
                pages[urls[page]] = score
            words[word] = pages
    return words


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
