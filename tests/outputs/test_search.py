"""Search (outputs/search): which pages are indexed and what a result holds, the search
page, and an index that follows the pages through no-op, edited, killed, failed and
parallel builds."""

from __future__ import annotations

import os
import re
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from kbtest import ROOTS, copy_project, search_records, search_words, soup
from sphinx.testing.util import SphinxTestApp

ALPHA = "docs/articles/alpha"


def run(
    src: Path, buildername: str = "html", parallel: int = 0, **confoverrides: Any
) -> SphinxTestApp:
    """One build of ``src``, whatever its outcome."""
    app = SphinxTestApp(
        buildername,
        srcdir=src,
        status=StringIO(),
        warning=StringIO(),
        parallel=parallel,
        confoverrides=confoverrides or None,
    )
    try:
        app.build()
    finally:
        app.cleanup()  # docutils registrations would leak into later builds' warnings
    return app


def build(
    src: Path, buildername: str = "html", parallel: int = 0, **confoverrides: Any
) -> SphinxTestApp:
    """One build of ``src`` that must succeed."""
    app = run(src, buildername, parallel, **confoverrides)
    assert app.statuscode == 0
    return app


def output(app: SphinxTestApp) -> Path:
    return Path(app.outdir)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """test-kb built once (read-only for the tests that use it)."""
    return build(copy_project(ROOTS / "test-kb", tmp_path_factory.mktemp("search") / "src"))


def wrapper(app: SphinxTestApp, docname: str) -> Any:
    return soup(output(app) / f"{docname}.html").find(class_="kb-search-body")


def test_articles_carry_title_date_kind_and_tags_as_attributes(site) -> None:
    body = wrapper(site, ALPHA)
    # Front matter is untrusted: the title is an attribute value, escaped, never markup.
    assert body["data-kb-title"] == "Alpha <script>alert(1)</script> & co"
    assert body["data-kb-kind"] == "article"
    assert body["data-kb-date"] == "2019-03-02"
    assert body["data-kb-date-label"] == "2 March 2019"
    tags = [span["data-kb-tag"] for span in body.find_all(attrs={"data-kb-tag": True})]
    assert tags == ["Cancer", "Immune system"]
    assert "<script>alert(1)" not in (output(site) / f"{ALPHA}.html").read_text("utf-8")
    # The whole article body is inside, byline included (the index skips it).
    assert body.find(class_="kb-byline") is not None


def test_only_content_pages_are_searchable(site) -> None:
    assert wrapper(site, "docs/manual")["data-kb-kind"] == "page"
    listings = ("docs/tags/cancer", "docs/tags/index", "docs/archive/index")
    for page in ("docs/index", "index", "docs/glossary", "genindex", *listings):
        assert wrapper(site, page) is None, page
    assert wrapper(site, "search") is None


def test_search_page_replaces_sphinx_search(site) -> None:
    outdir = output(site)
    assert not (outdir / "searchindex.js").exists()
    page = soup(outdir / "search.html")
    section = page.find(id="kb-search")
    assert section["data-bundle"] == "_kbsearch/"
    scripts = [s.get("src", "") for s in page.find_all("script")]
    assert "_static/kb-search.js" in scripts
    assert not any("searchtools" in s or "searchindex" in s for s in scripts)
    # The same address as before: a form that sends q, the box labelled, a polite status.
    form = section.find("form")
    assert form.find("input", attrs={"name": "q"})["id"] == "kb-search-q"
    assert form.find("label", attrs={"for": "kb-search-q"}) is not None
    assert section.find(id="kb-search-status")["role"] == "status"
    # Every page's sidebar form sends only q.
    sidebar = soup(outdir / f"{ALPHA}.html").find("form", class_="sidebar-search-container")
    assert [i["name"] for i in sidebar.find_all("input")] == ["q"]
    narrow = soup(outdir / f"{ALPHA}.html").find("form", class_="kb-search-narrow")
    assert narrow["action"] == "../../search.html" and narrow["role"] == "search"
    # Just before furo's main article (the template finds it by its markup).
    assert narrow.find_next_sibling()["id"] == "furo-main-content"
    assert narrow.find_parent("article") is None
    assert page.find("form", class_="kb-search-narrow") is None


def test_bundle_holds_pages_and_glossary_terms(site) -> None:
    records = search_records(output(site))
    alpha = records["docs/articles/alpha.html"]
    assert alpha["title"] == "Alpha <script>alert(1)</script> & co"
    assert (alpha["kind"], alpha["tags"], alpha["date"]) == (
        "article",
        ["Cancer", "Immune system"],
        "2019-03-02",
    )
    # The byline (date, reading time, tags) and the title are not the text.
    assert "min read" not in alpha["text"] and "Alpha" not in alpha["text"]
    assert alpha["text"].startswith("A lede with")
    terms = [r for r in records.values() if r["kind"] == "glossary"]
    assert [t["title"] for t in terms] == ["Pathogen"]
    assert terms[0]["link"] == "docs/glossary.html#term-Pathogen"
    assert terms[0]["definition"] == "A germ that can cause disease."
    assert {r["kind"] for r in records.values()} == {"article", "page", "glossary"}
    assert not any(url.endswith(("/index.html", "glossary.html")) for url in records)
    assert not any("/tags/" in url or "/archive/" in url for url in records)


def test_words_are_stemmed_and_a_title_counts_most(site) -> None:
    words = search_words(output(site))
    # Sphinx's English stemmer: "germs" and "germ" are one word; stop words are not kept.
    assert "germ" in words and "germs" not in words and "the" not in words
    # The term's own name outweighs a mention in an article.
    pathogen = words["pathogen"]
    term = pathogen.pop("docs/glossary.html#term-Pathogen")
    assert pathogen and all(score < term for score in pathogen.values())
    # Nothing of the byline is a word of the page.
    assert "docs/articles/alpha.html" not in words.get("read", {})


def _touch_later(path: Path) -> None:
    later = time.time() + 2
    os.utime(path, (later, later))


def _log(app: SphinxTestApp) -> str:
    return app.status.getvalue()


def _bundle(outdir: Path) -> dict[str, bytes]:
    folder = outdir / "_kbsearch"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_index_follows_edits_and_skips_no_op_builds(tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    first = build(src)
    entry = output(first) / "_kbsearch" / "index.json"
    stamp = entry.stat().st_mtime_ns
    clean = _bundle(output(first))
    noop = build(src)
    assert "0 added, 0 changed, 0 removed" in _log(noop)
    assert "search index: up to date" in _log(noop)
    assert entry.stat().st_mtime_ns == stamp
    article = src / "docs/articles/beta.md"
    original = article.read_text(encoding="utf-8")
    article.write_text(original + "\nA zeppelinlike paragraph.\n", encoding="utf-8")
    _touch_later(article)
    edited = build(src)
    assert re.search(r"search index: \d+ pages and 1 glossary terms indexed in", _log(edited))
    beta = search_records(output(edited))["docs/articles/beta.html"]
    assert "zeppelinlike" in beta["text"]
    assert "zeppelinlik" in search_words(output(edited))
    article.write_text(original, encoding="utf-8")
    _touch_later(article)
    build(src)
    # Byte for byte the index of the first build (the words kept between builds included).
    assert _bundle(output(first)) == clean


def test_a_killed_build_never_leaves_a_stale_or_partial_index(tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    app = build(src)
    outdir = output(app)
    clean = _bundle(outdir)
    # Killed after writing a page, before indexing it: no page is written next time,
    # but the page is not the one indexed, so the index is made again.
    page = outdir / f"{ALPHA}.html"
    page.write_text(page.read_text("utf-8").replace("A lede with", "A LEDE WITH"), "utf-8")
    again = build(src)
    assert "glossary terms indexed in" in _log(again)
    assert search_records(outdir)["docs/articles/alpha.html"]["text"].startswith("A LEDE")
    # Killed while indexing or swapping: leftovers go, a missing bundle is rebuilt.
    (outdir / "_kbsearch.new" / "w").mkdir(parents=True)
    (outdir / "_kbsearch").rename(outdir / "_kbsearch.old")
    build(src)
    assert not (outdir / "_kbsearch.new").exists() and not (outdir / "_kbsearch.old").exists()
    # A damaged word cache is read as none.
    (Path(app.doctreedir) / "kb-search-words.pickle").write_bytes(b"not a pickle")
    page.write_text(page.read_text("utf-8").replace("A LEDE WITH", "A lede with"), "utf-8")
    build(src)
    assert _bundle(outdir) == clean


def test_an_unwritable_index_leaves_no_index_and_warns(tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    first = build(src)
    (src / "docs/articles/beta.md").write_text(
        (src / "docs/articles/beta.md").read_text("utf-8") + "\nMore.\n", "utf-8"
    )
    _touch_later(src / "docs/articles/beta.md")
    # A file where the new bundle's folder must go (it is not removed as a folder
    # would be): the index cannot be written.
    (output(first) / "_kbsearch.new").write_text("in the way", "utf-8")
    app = run(src)
    warnings = app.warning.getvalue()
    assert warnings.count("search index not built:") == 1
    assert not (output(app) / "_kbsearch").exists()
    (output(app) / "_kbsearch.new").unlink()
    again = build(src)
    assert "glossary terms indexed in" in _log(again)
    assert (output(again) / "_kbsearch" / "index.json").exists()


def test_parallel_and_dirhtml_builds(tmp_path) -> None:
    serial = build(copy_project(ROOTS / "test-kb", tmp_path / "j1"))
    parallel = build(copy_project(ROOTS / "test-kb", tmp_path / "j2"), parallel=2)
    assert _bundle(output(parallel)) == _bundle(output(serial))
    # dirhtml: addresses without index.html, the glossary anchor on the folder page.
    folders = build(copy_project(ROOTS / "test-kb", tmp_path / "dir"), "dirhtml")
    records = search_records(output(folders))
    assert "docs/articles/alpha/" in records
    term = next(r for r in records.values() if r["kind"] == "glossary")
    assert term["link"] == "docs/glossary/#term-Pathogen"
    search = soup(output(folders) / "search" / "index.html").find(id="kb-search")
    assert search["data-bundle"] == "../_kbsearch/"
