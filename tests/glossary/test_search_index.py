"""The search index: glossary terms stay in it on incremental builds, equal to a clean build."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

from glossary_helpers import build


def _index(outdir: Path) -> dict[str, Any]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def _touch_later(path: Path) -> None:
    later = time.time() + 2
    os.utime(path, (later, later))


def test_incremental_index_equals_clean(rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-glossary", srcdir)
    first = build(srcdir)
    # Compared parsed: Sphinx may list the titles of a page it loaded back from the
    # previous index in another order, which is the same index.
    clean = _index(first.outdir)
    entries = clean["indexentries"]
    # Glossary terms are index entries: searching "vaccine" offers the definition.
    assert "vaccine" in entries

    build(srcdir)  # no-op: nothing read or written
    assert _index(first.outdir) == clean

    beta = srcdir / "docs/articles/beta.md"
    original = beta.read_text(encoding="utf-8")
    beta.write_text(original + "\nA zeppelinlike paragraph.\n", encoding="utf-8")
    _touch_later(beta)
    edited = build(srcdir)
    index = _index(edited.outdir)
    assert "zeppelinlik" in index["terms"] and "vaccine" in index["indexentries"]

    beta.write_text(original, encoding="utf-8")
    _touch_later(beta)
    reverted = build(srcdir)
    # Back to the clean index: the term entries survived, and the word that no page
    # holds any more is gone rather than left with no pages.
    assert _index(reverted.outdir) == clean


def test_stemming_is_cached_across_pages(rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-glossary", srcdir)
    built = build(srcdir)
    info = built.app.builder.indexer.lang.stem.cache_info()
    # Every page shares one cache, so words repeated across pages are stemmed once.
    assert info.hits > 0 and info.currsize > 0
