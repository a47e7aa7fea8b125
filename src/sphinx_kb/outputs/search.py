"""Search index: a build-wide stemming cache, and incremental builds kept whole.

* Sphinx's ``IndexBuilder.feed`` memoizes the stemmer per page only, so a word on
  every page is stemmed on every page: a large part of the write phase.
  Stemming is a pure function of the word, so one cache for the build
  changes nothing in ``searchindex.js``.
* Sphinx gathers the index entries of a page (glossary terms, ``index``
  directives) while writing it, after the environment was pickled, so a build
  that does not rewrite the glossary drops every term from the search index.  The
  entries of each page are kept in ``kb-search-entries.json`` in the doctree
  folder, restored for pages this build did not write, and words left with no
  page are dropped, so an incremental index equals a clean one.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..environment.state import kb_state
from ..fileio import read_json_object, write_if_changed

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

_MARK = "_kb_stem_cache"
#: Distinct words of a large English knowledge base stay far below this.
CACHE_SIZE = 1 << 18
ENTRIES_FILE = "kb-search-entries.json"


def _indexer(app: Sphinx) -> Any:
    return getattr(app.builder, "indexer", None)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # The indexer is made in ``prepare_writing``, after ``write-started``; pages are
    # indexed after their doctree is resolved (with -j, in the writers: the first
    # page, written before they fork, installs the cache they all inherit; the
    # pages they resolved are noted by ``parallel_write``).
    indexer = _indexer(app)
    if indexer is None:
        return
    kb_state(app).resolved.add(docname)
    lang = indexer.lang
    if not getattr(lang, _MARK, False):
        lang.stem = lru_cache(maxsize=CACHE_SIZE)(lang.stem)
        setattr(lang, _MARK, True)


def _load(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    return {
        str(doc): [tuple(map(str, item)) for item in items]  # type: ignore[misc]
        for doc, items in read_json_object(path).items()
        if isinstance(items, list) and all(isinstance(i, list) and len(i) == 3 for i in items)
    }


def on_html_collect_pages(app: Sphinx) -> list[Any]:
    """Complete the index just before Sphinx dumps it (after every page is written)."""
    indexer = _indexer(app)
    if indexer is None:
        return []
    path = Path(app.doctreedir) / ENTRIES_FILE
    entries: dict[str, list[tuple[str, str, str]]] = indexer._index_entries
    written = kb_state(app).resolved
    pages = indexer._titles
    for docname, items in _load(path).items():
        if docname not in written and docname in pages:
            entries[docname] = items
    for docname in [d for d in entries if d not in pages]:
        del entries[docname]  # removed pages; Sphinx would fail on them
    for mapping in (indexer._mapping, indexer._title_mapping):
        for word in [w for w, docs in mapping.items() if not docs]:
            del mapping[word]
    write_if_changed(path, json.dumps({d: entries[d] for d in sorted(entries)}, ensure_ascii=False))
    return []


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("html-collect-pages", on_html_collect_pages)
