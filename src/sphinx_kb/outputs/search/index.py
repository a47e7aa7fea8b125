"""The Pagefind index, built once per build after every page is written.

Pagefind (``pagefind-bin`` from PyPI: the indexer binary) cannot update an index,
so a build that wrote a searchable page indexes them all again; a build that wrote
none, with the same glossary and settings, keeps the index as it is and reads
nothing but file sizes and times.  What the index was made from is kept in
``kb-search.json`` in the doctree folder, with a digest of the bundle's entry
file, and checked against the output on every build, so an index that a killed
or failed build left behind never passes for a current one.

Each page's searchable body is copied, in a bare document, into a staging folder
beside the glossary's term pages, so Pagefind sees exactly the searchable pages of
this build and never the leftovers of removed ones, and parses none of the theme
around them (about half of each page, a quarter of its time).  The bundle is
written to ``_pagefind.new`` in the output folder and swapped in by renames:
readers and later builds see the old bundle, the new one or none, never half of
one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ... import __version__
from ...environment.state import kb_state
from ...fileio import atomic_write, read_json_object
from .pages import BUILDERS, END, EXCLUDE_SELECTORS, START, search_page
from .terms import FOLDER, term_html, term_records

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

#: The bundle's folder in the output (the search page loads ``_pagefind/pagefind.js``).
BUNDLE = "_pagefind"
ENTRY = "pagefind-entry.json"
STATE_FILE = "kb-search.json"
STAGE = "kb-search-stage"
#: Changed whenever what is indexed changes shape without the pages changing.
FORMAT = 3


def executable(app: Sphinx) -> tuple[Path | None, str]:
    """The indexer to run (``kb_pagefind``, else ``pagefind-bin``'s, else one on
    ``PATH``), and what to say when there is none."""
    chosen = kb_state(app).config.pagefind
    if chosen:
        if "/" in chosen or os.sep in chosen:
            path = Path(app.srcdir, chosen)
            found = str(path) if path.is_file() and os.access(path, os.X_OK) else None
        else:
            found = shutil.which(chosen)
        missing = f"kb_pagefind = {chosen!r} is not an executable file or a command on PATH"
        return (Path(found) if found else None), missing
    missing = "the Pagefind indexer is not installed (pip install pagefind-bin)"
    try:
        from pagefind_bin import get_executable

        return Path(get_executable()), missing
    except (ImportError, FileNotFoundError):
        found = shutil.which("pagefind")
        return (Path(found) if found else None), missing


@cache
def _version(binary: Path, size: int, mtime: int) -> str:
    try:
        done = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip().rpartition(" ")[2] or "unknown"


def indexer_version(binary: Path | None) -> str:
    """What ``pagefind --version`` says: the indexer writes its own search script into
    the bundle, so another release means another index."""
    if binary is None:
        return "none"
    return _version(binary, *_stat(binary))


def language(app: Sphinx) -> str:
    """ISO 639-1 code of the site's language: one index for every page."""
    code = (app.config.language or "en").replace("-", "_").split("_")[0].lower()
    return code or "en"


def sources(app: Sphinx) -> dict[str, Path]:
    """Output path (relative, POSIX) -> file, for every searchable page of this build."""
    outdir = Path(app.outdir)
    found = {}
    for docname in sorted(app.env.all_docs):
        if search_page(app.env, docname) is not None:
            path = Path(app.builder.get_outfilename(docname))
            found[path.relative_to(outdir).as_posix()] = path
    return found


def _stat(path: Path) -> list[int]:
    try:
        info = path.stat()
    except OSError:
        return [-1, -1]
    return [info.st_size, info.st_mtime_ns]


def fingerprint(app: Sphinx, pages: dict[str, Path], indexer: str) -> dict[str, Any]:
    """What the index is made from, cheaply: settings, versions and file stats."""
    glossary = kb_state(app).config.glossary_doc
    doctree = Path(app.doctreedir) / f"{glossary}.doctree"
    return {
        "format": FORMAT,
        "sphinx_kb": __version__,
        "pagefind": indexer,
        "builder": app.builder.name,
        "language": language(app),
        "selectors": list(EXCLUDE_SELECTORS),
        "glossary": [glossary, *_stat(doctree)],
        # A digest rather than the list: the state file stays small at any size.
        "pages": hashlib.sha256(
            json.dumps([[rel, *_stat(path)] for rel, path in pages.items()]).encode()
        ).hexdigest(),
        "count": len(pages),
    }


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def _link(source: Path, dest: Path) -> None:
    try:
        os.link(source, dest)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, dest)


_BARE = b'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'


def _stage_page(source: Path, dest: Path) -> None:
    """The page's searchable body in a bare document: what Pagefind reads of it
    (``data-pagefind-body``, its attributes, its headings' ids; the language is given on
    the command line), without the theme around it, which Pagefind would parse and drop."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    data = source.read_bytes()
    start = data.find(START.encode())
    end = data.find(END.encode(), start)
    if start < 0 or end < 0:  # a template that moved the body: the whole page
        _link(source, dest)
        return
    dest.write_bytes(_BARE + data[start:end] + b"</body></html>\n")


def stage(app: Sphinx, pages: dict[str, Path], folder: Path) -> int:
    """The staging tree Pagefind indexes; returns the number of glossary terms."""
    _remove(folder)
    folder.mkdir(parents=True)
    for rel, path in pages.items():
        _stage_page(path, folder / rel)
    lang = language(app)
    records = term_records(app.builder, kb_state(app).config.glossary_doc)
    terms = folder / FOLDER
    terms.mkdir()
    for number, record in enumerate(records):
        (terms / f"{number}.html").write_text(term_html(record, lang), encoding="utf-8")
    return len(records)


def run_pagefind(app: Sphinx, binary: Path, site: Path, output: Path) -> str | None:
    """Index ``site`` into ``output`` with ``binary``; the failure's explanation, or None."""
    command = [
        str(binary),
        "--site",
        str(site),
        "--output-path",
        str(output),
        "--force-language",
        language(app),
        "--exclude-selectors",
        ", ".join(EXCLUDE_SELECTORS),
        "--quiet",
    ]
    # Its own configuration files and PAGEFIND_* variables would change the index:
    # run it where there are none, with none.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        done = subprocess.run(
            command, cwd=site, env=env, capture_output=True, text=True, check=False
        )
    except OSError as error:
        return f"Pagefind could not run: {error}"
    if done.returncode != 0 or not (output / ENTRY).is_file():
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-10:])
        return f"Pagefind failed (exit status {done.returncode}): {tail}"
    return None


def _children_cpu() -> float:
    """CPU seconds used by finished child processes (the indexer's cost, for the log)."""
    if resource is None:  # pragma: no cover - Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def swap(outdir: Path, new: Path) -> None:
    """Put the new bundle in place: old, new or no bundle, never half of one."""
    current, old = outdir / BUNDLE, outdir / f"{BUNDLE}.old"
    _remove(old)
    if current.exists():
        current.rename(old)
    new.rename(current)
    _remove(old)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in BUILDERS:
        return
    outdir, doctreedir = Path(app.outdir), Path(app.doctreedir)
    if not getattr(app.builder, "search", True):
        # Sphinx's own index is not written; one left by an older build is stale.
        (outdir / "searchindex.js").unlink(missing_ok=True)
    state_path = doctreedir / STATE_FILE
    pages = sources(app)
    binary, missing = executable(app)
    indexer = indexer_version(binary)
    inputs = json.loads(json.dumps(fingerprint(app, pages, indexer)))
    stored = read_json_object(state_path)
    if stored.get("inputs") == inputs and stored.get("entry") == _digest(outdir / BUNDLE / ENTRY):
        logger.info("search index: up to date")
        return
    started, children = time.perf_counter(), _children_cpu()
    new, folder = outdir / f"{BUNDLE}.new", doctreedir / STAGE
    _remove(new)
    state_path.unlink(missing_ok=True)  # whatever happens next, the old state is void
    terms = 0
    try:
        terms = stage(app, pages, folder)
        problem = missing if binary is None else run_pagefind(app, binary, folder, new)
        if problem is None:
            swap(outdir, new)
    except OSError as error:  # a full disk, a folder that cannot be written
        problem = f"{error}"
    finally:
        _remove(folder)
        _remove(new)
    if problem is not None:
        # A stale index would answer with pages that changed or no longer exist.
        _remove(outdir / BUNDLE)
        logger.warning(f"search index not built: {problem}", type="kb", subtype="search")
        return
    state = {"inputs": inputs, "entry": _digest(outdir / BUNDLE / ENTRY)}
    atomic_write(state_path, json.dumps(state, sort_keys=True))
    cpu = _children_cpu() - children
    logger.info(
        f"search index: {len(pages)} pages and {terms} glossary terms indexed by Pagefind "
        f"{indexer} in {time.perf_counter() - started:.1f} s (Pagefind: {cpu:.1f} s CPU)"
    )
