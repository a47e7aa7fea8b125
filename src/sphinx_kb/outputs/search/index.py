"""The search index, built once per build after every page is written.

The index is made from the written pages (their searchable bodies, see ``extract``)
and the glossary's entries, and scored as a whole (a word's weight depends on how
many pages have it), so a build that wrote a searchable page makes it again; a build
that wrote none, with the same glossary and settings, keeps the index as it is and
reads nothing but file sizes and times.  What the index was made from is kept in
``kb-search.json`` in the doctree folder, with a digest of the bundle's entry file,
and checked against the output on every build, so an index that a killed or failed
build left behind never passes for a current one.

The pages' words are kept between builds in ``kb-search-words.pickle`` (doctree
folder) by a digest of each page's searchable body, so a build that changed one
article parses that one page again, not every page.  The bundle is written to
``_kbsearch.new`` in the output folder and swapped in by renames: readers and later
builds see the old bundle, the new one or none, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.util import logging

from ... import __version__
from ...environment.state import kb_state
from ...fileio import atomic_write, read_json_object
from . import engine, extract
from .extract import Record
from .pages import BUILDERS, search_page
from .terms import term_records

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: The bundle's folder in the output (the search page reads ``_kbsearch/index.json``).
BUNDLE = "_kbsearch"
ENTRY = "index.json"
STATE_FILE = "kb-search.json"
CACHE_FILE = "kb-search-words.pickle"
#: Changed whenever what is indexed changes shape without the pages changing.
FORMAT = 4


def language(app: Sphinx) -> str:
    """ISO 639-1 code of the site's language: one index for every page."""
    code = (app.config.language or "en").replace("-", "_").split("_")[0].lower()
    return code or "en"


def sources(app: Sphinx) -> dict[str, Path]:
    """Address (relative to the site root) -> written file, for every searchable page."""
    found = {}
    for docname in sorted(app.env.all_docs):
        if search_page(app.env, docname) is not None:
            found[app.builder.get_target_uri(docname)] = Path(app.builder.get_outfilename(docname))
    return found


def _stat(path: Path) -> list[int]:
    try:
        info = path.stat()
    except OSError:
        return [-1, -1]
    return [info.st_size, info.st_mtime_ns]


def fingerprint(app: Sphinx, pages: dict[str, Path]) -> dict[str, Any]:
    """What the index is made from, cheaply: settings, versions and file stats."""
    glossary = kb_state(app).config.glossary_doc
    doctree = Path(app.doctreedir) / f"{glossary}.doctree"
    return {
        "format": FORMAT,
        "sphinx_kb": __version__,
        "engine": engine.FORMAT,
        "sphinx": sphinx.__version__,  # its stemmers and stop words
        "builder": app.builder.name,
        "language": language(app),
        "excluded": sorted(extract.EXCLUDED_CLASSES | extract.EXCLUDED_TAGS),
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


def records(
    app: Sphinx, pages: dict[str, Path], cache: dict[str, Any], words: engine.Words
) -> tuple[list[Record], list[engine.Analysis]]:
    """Every result of this build, pages then glossary terms, with their words;
    ``cache`` (digest of a page's body -> its record and words) is read and brought up
    to date, so only the pages whose body changed are parsed again."""
    found: list[Record] = []
    analyses: list[engine.Analysis] = []
    fresh: dict[str, Any] = {}
    for url, path in pages.items():
        body = extract.body_slice(path.read_text(encoding="utf-8"))
        if body is None:  # a template that dropped the markers: the page is not a result
            logger.warning(
                f"search index: {path} left out: no searchable body (a template without "
                f"the wrapper?)",
                type="kb",
                subtype="search",
            )
            continue
        key = hashlib.sha256(f"{url}\0{body}".encode()).hexdigest()
        if key not in cache:
            try:
                record = extract.page_record(url, body)
            except extract.Unreadable as error:
                logger.warning(
                    f"search index: {path} left out: its HTML could not be read ({error})",
                    type="kb",
                    subtype="search",
                )
                continue
            cache[key] = (record, engine.analyse(record, words))
        fresh[key] = cache[key]
        found.append(fresh[key][0])
        analyses.append(fresh[key][1])
    cache.clear()
    cache.update(fresh)
    for term in term_records(app.builder, kb_state(app).config.glossary_doc):
        record = Record(
            url=term.link,
            kind="glossary",
            title=term.term,
            names=term.synonyms,
            link=term.link,
            definition=term.definition,
        )
        found.append(record)
        analyses.append(engine.analyse(record, words))
    return found, analyses


def _load_cache(path: Path, version: list[Any]) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            # Sphinx's own environment is a pickle in the same folder: no less trusted.
            data = pickle.load(file)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return {}
    if not isinstance(data, dict) or data.get("version") != version:
        return {}
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}


def _save_cache(path: Path, version: list[Any], pages: dict[str, Any]) -> None:
    atomic_write(path, pickle.dumps({"version": version, "pages": pages}))


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
    # Pagefind's bundle, from builds before sphinx-kb had its own index.
    _remove(outdir / "_pagefind")
    state_path = doctreedir / STATE_FILE
    pages = sources(app)
    inputs = json.loads(json.dumps(fingerprint(app, pages)))
    stored = read_json_object(state_path)
    if stored.get("inputs") == inputs and stored.get("entry") == _digest(outdir / BUNDLE / ENTRY):
        logger.info("search index: up to date")
        return
    started = time.perf_counter()
    new = outdir / f"{BUNDLE}.new"
    _remove(new)
    state_path.unlink(missing_ok=True)  # whatever happens next, the old state is void
    cache_path = doctreedir / CACHE_FILE
    # The words depend on these as much as on the pages (stemmer, stop words).
    version = [FORMAT, engine.FORMAT, __version__, sphinx.__version__, language(app)]
    cache = _load_cache(cache_path, version)
    words = engine.Words.of(engine.search_language(language(app)))
    found: list[Record] = []
    try:
        found, analyses = records(app, pages, cache, words)
        bundle = engine.build(found, words, analyses)
        new.mkdir(parents=True)
        engine.write(bundle, new)
        swap(outdir, new)
        _save_cache(cache_path, version, cache)
    except OSError as error:  # a full disk, a folder that cannot be written
        _remove(new)
        # A stale index would answer with pages that changed or no longer exist.
        _remove(outdir / BUNDLE)
        logger.warning(f"search index not built: {error}", type="kb", subtype="search")
        return
    state = {"inputs": inputs, "entry": _digest(outdir / BUNDLE / ENTRY)}
    atomic_write(state_path, json.dumps(state, sort_keys=True))
    terms = sum(1 for r in found if r.kind == "glossary")
    size = sum(len(data) for data in bundle.values())
    logger.info(
        f"search index: {len(found) - terms} pages and {terms} glossary terms indexed in "
        f"{time.perf_counter() - started:.1f} s ({len(bundle)} files, {size // 1024} KB)"
    )
