"""Incremental builds give what clean builds give: backlinks, links, hover texts."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from bs4 import BeautifulSoup
from glossary_helpers import Built, body, build, term_links, tip_of, used_in

from sphinx_kb.glossary.runtime import runtime

ARTICLES = ("docs/articles/alpha", "docs/articles/beta", "docs/articles/optout")
PAGES = (*ARTICLES, "docs/glossary")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    # Sphinx compares modification times; make sure this edit is newer than the last build.
    later = time.time() + 2
    os.utime(path, (later, later))


def _content(built: Built, docname: str) -> str:
    """The page body as written, for comparing an incremental build with a clean one."""
    return str(body(built.page(docname)))


def _read(built: Built) -> str:
    """The part of the build's log that lists the documents it read."""
    start = built.status.find("reading sources")
    return built.status[start : built.status.find("looking for now-outdated")] if start >= 0 else ""


def _clean_build_matches(srcdir: Path, incremental: Built, tmp_path: Path, name: str) -> None:
    fresh_src = tmp_path / f"{name}-src"
    shutil.copytree(srcdir, fresh_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(fresh_src)
    assert clean.warnings == ""
    for docname in PAGES:
        assert _content(incremental, docname) == _content(clean, docname), docname


def test_removing_the_last_mention_removes_the_backlink(rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-glossary", srcdir)
    first = build(srcdir)
    assert used_in(first.page("docs/glossary"))["term-Vaccine"] == ["Beta article"]
    assert runtime(first.app.env).cached is None  # forms made with inflect

    _edit(srcdir / "docs/articles/beta.md", "A vaccine trains the body.", "Rest helps the body.")
    second = build(srcdir)  # same srcdir, outdir and doctreedir: incremental
    # The forms came from the environment's cache, not from inflect again.
    assert runtime(second.app.env).cached is not None
    assert "docs/articles/beta" in _read(second) and "docs/articles/alpha" not in _read(second)
    # The glossary page was not edited, yet it was rewritten without the backlink.
    assert used_in(second.page("docs/glossary"))["term-Vaccine"] == []
    assert ("vaccine", "term-Vaccine") not in term_links(second.page("docs/articles/beta"))
    assert second.warnings == ""
    _clean_build_matches(srcdir, second, tmp_path, "clean")


def test_a_new_term_relinks_every_article(rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-glossary", srcdir)
    build(srcdir)

    # Articles are not edited: only the term set changes, so they must be re-read.
    _edit(
        srcdir / "docs/glossary.md",
        "Vaccine\n",
        "Germ\n  An everyday word for a microbe that causes disease.\n\nVaccine\n",
    )
    second = build(srcdir)
    reading = _read(second)
    assert "docs/articles/alpha" in reading and "docs/articles/beta" in reading
    assert ("germ", "term-Germ") in term_links(second.page("docs/articles/alpha"))
    assert used_in(second.page("docs/glossary"))["term-Germ"] == ["Alpha article"]
    assert second.warnings == ""
    _clean_build_matches(srcdir, second, tmp_path, "clean")


def test_a_changed_definition_rewrites_tips_without_rereading(
    rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-glossary", srcdir)
    build(srcdir)

    _edit(
        srcdir / "docs/glossary.md",
        "A germ that can cause disease.",
        "A microbe that can make people ill.",
    )
    second = build(srcdir)
    reading = _read(second)
    assert "docs/glossary" in reading and "docs/articles/alpha" not in reading
    page: BeautifulSoup = second.page("docs/articles/alpha")
    tips = {
        a.select_one(".std-term").get_text(): tip_of(a).get_text()
        for a in body(page).select("a.kb-term-link")
    }
    assert tips["pathogen"] == "A microbe that can make people ill."
    _clean_build_matches(srcdir, second, tmp_path, "clean")
