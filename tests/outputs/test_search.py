"""Search (outputs/search): which pages Pagefind indexes, the search page, and an index
that follows the pages through no-op, edited, killed, failed and parallel builds."""

from __future__ import annotations

import os
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from kbtest import ROOTS, copy_project, pagefind_records, soup
from sphinx.testing.util import SphinxTestApp

from sphinx_kb.outputs.search import index
from sphinx_kb.outputs.search.terms import TermRecord, term_html

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
    return soup(output(app) / f"{docname}.html").find(attrs={"data-pagefind-body": True})


def test_articles_carry_title_date_kind_and_tags_as_attributes(site) -> None:
    body = wrapper(site, ALPHA)
    # Front matter is untrusted: the title is an attribute value, escaped, never markup.
    assert body["data-kb-title"] == "Alpha <script>alert(1)</script> & co"
    assert body["data-kb-kind"] == "article"
    assert body["data-kb-date"] == "2019-03-02"
    assert body["data-kb-date-label"] == "2 March 2019"
    meta = body["data-pagefind-meta"]
    assert meta == "title[data-kb-title], date[data-kb-date], date_label[data-kb-date-label]"
    tags = [span["data-kb-tag"] for span in body.find_all(attrs={"data-kb-tag": True})]
    assert tags == ["Cancer", "Immune system"]
    assert "<script>alert(1)" not in (output(site) / f"{ALPHA}.html").read_text("utf-8")
    # The whole article body is inside, byline included (Pagefind is told to skip it).
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
    assert section["data-bundle"] == "_pagefind/"
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
    records = pagefind_records(output(site))
    alpha = records["/docs/articles/alpha.html"]
    assert alpha["meta"]["title"] == "Alpha <script>alert(1)</script> & co"
    assert alpha["filters"] == {"kind": ["article"], "tag": ["Cancer", "Immune system"]}
    # The byline (date, reading time, tags) and the title are not the text.
    assert "min read" not in alpha["content"] and "Alpha" not in alpha["content"]
    assert alpha["content"].startswith("A lede with")
    terms = [r for r in records.values() if r["filters"]["kind"] == ["glossary"]]
    assert [t["meta"]["title"] for t in terms] == ["Pathogen"]
    assert terms[0]["meta"]["link"] == "docs/glossary.html#term-Pathogen"
    assert terms[0]["meta"]["definition"] == "A germ that can cause disease."
    kinds = {r["filters"]["kind"][0] for r in records.values()}
    assert kinds == {"article", "page", "glossary"}
    assert not any(url.endswith(("/index.html", "glossary.html")) for url in records)
    assert not any("/tags/" in url or "/archive/" in url for url in records)


def test_term_pages_escape_the_glossary() -> None:
    record = TermRecord('<b>"x"</b>', ("y&z",), "<script>1</script>", 'g.html#t"')
    html = term_html(record, "en")
    assert "<b>" not in html and "<script>" not in html
    assert 'data-kb-link="g.html#t&quot;"' in html
    assert "&lt;b&gt;&quot;x&quot;&lt;/b&gt; · y&amp;z" in html


def _touch_later(path: Path) -> None:
    later = time.time() + 2
    os.utime(path, (later, later))


def _log(app: SphinxTestApp) -> str:
    return app.status.getvalue()


def test_index_follows_edits_and_skips_no_op_builds(tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    first = build(src)
    entry = output(first) / "_pagefind" / "pagefind-entry.json"
    stamp = entry.stat().st_mtime_ns
    clean = pagefind_records(output(first))
    noop = build(src)
    assert "0 added, 0 changed, 0 removed" in _log(noop)
    assert "search index: up to date" in _log(noop)
    assert entry.stat().st_mtime_ns == stamp
    article = src / "docs/articles/beta.md"
    original = article.read_text(encoding="utf-8")
    article.write_text(original + "\nA zeppelinlike paragraph.\n", encoding="utf-8")
    _touch_later(article)
    edited = build(src)
    assert "search index: " in _log(edited) and "indexed by Pagefind" in _log(edited)
    beta = pagefind_records(output(edited))["/docs/articles/beta.html"]
    assert "zeppelinlike" in beta["content"]
    article.write_text(original, encoding="utf-8")
    _touch_later(article)
    build(src)
    assert pagefind_records(output(first)) == clean


def test_a_killed_build_never_leaves_a_stale_or_partial_index(tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    app = build(src)
    outdir, doctrees = output(app), Path(app.doctreedir)
    clean = pagefind_records(outdir)
    # Killed after writing a page, before indexing it: no page is written next time,
    # but the page is not the one indexed, so the index is made again.
    page = outdir / f"{ALPHA}.html"
    page.write_text(page.read_text("utf-8").replace("A lede with", "A LEDE WITH"), "utf-8")
    again = build(src)
    assert "indexed by Pagefind" in _log(again)
    assert pagefind_records(outdir)["/docs/articles/alpha.html"]["content"].startswith("A LEDE")
    # Killed while indexing or swapping: leftovers go, a missing bundle is rebuilt.
    (outdir / "_pagefind.new" / "fragment").mkdir(parents=True)
    (doctrees / index.STAGE / "docs").mkdir(parents=True)
    (outdir / "_pagefind").rename(outdir / "_pagefind.old")
    build(src)
    assert not (outdir / "_pagefind.new").exists() and not (outdir / "_pagefind.old").exists()
    assert not (doctrees / index.STAGE).exists()
    page.write_text(page.read_text("utf-8").replace("A LEDE WITH", "A lede with"), "utf-8")
    build(src)
    assert pagefind_records(outdir) == clean


def test_a_failing_indexer_leaves_no_index_and_warns(tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    build(src)
    (src / "docs/articles/beta.md").write_text(
        (src / "docs/articles/beta.md").read_text("utf-8") + "\nMore.\n", "utf-8"
    )
    _touch_later(src / "docs/articles/beta.md")
    # A real program that fails, in place of the indexer.
    app = run(src, kb_pagefind="/bin/false")
    warnings = app.warning.getvalue()
    assert warnings.count("search index not built: Pagefind failed (exit status 1)") == 1
    assert not (output(app) / "_pagefind").exists()
    again = build(src)
    assert "indexed by Pagefind" in _log(again)
    assert (output(again) / "_pagefind" / "pagefind.js").exists()


def test_kb_pagefind_picks_the_indexer(tmp_path) -> None:
    """A newer Pagefind than the wheel's (npm's, say) is named by ``kb_pagefind``; its
    version is part of what the index is made from."""
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    wheel, _ = index.executable(build(src))
    assert wheel is not None
    version = index.indexer_version(wheel)
    clean = pagefind_records(output(build(src)))
    # The same indexer behind a script in the project that says it is another release.
    script = src / "tools" / "pagefind"
    script.parent.mkdir()
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = --version ]; then echo "pagefind 99.0.0"; exit 0; fi\n'
        f'exec "{wheel}" "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    other = build(src, kb_pagefind="tools/pagefind")
    assert "indexed by Pagefind 99.0.0" in _log(other)
    assert pagefind_records(output(other)) == clean
    # Back to the wheel's: indexed again by it, not taken for up to date.
    back = build(src)
    assert f"indexed by Pagefind {version}" in _log(back)
    # A name that is nowhere: one warning that names the setting, and no stale index.
    missing = run(src, kb_pagefind="no-such-pagefind")
    warnings = missing.warning.getvalue()
    assert warnings.count("kb_pagefind = 'no-such-pagefind' is not an executable") == 1
    assert not (output(missing) / "_pagefind").exists()


def test_parallel_and_dirhtml_builds(tmp_path) -> None:
    serial = build(copy_project(ROOTS / "test-kb", tmp_path / "j1"))
    parallel = build(copy_project(ROOTS / "test-kb", tmp_path / "j2"), parallel=2)
    assert pagefind_records(output(parallel)) == pagefind_records(output(serial))
    # dirhtml: addresses without index.html, the glossary anchor on the folder page.
    folders = build(copy_project(ROOTS / "test-kb", tmp_path / "dir"), "dirhtml")
    records = pagefind_records(output(folders))
    assert "/docs/articles/alpha/" in records
    term = next(r for r in records.values() if r["filters"]["kind"] == ["glossary"])
    assert term["meta"]["link"] == "docs/glossary/#term-Pathogen"
    search = soup(output(folders) / "search" / "index.html").find(id="kb-search")
    assert search["data-bundle"] == "../_pagefind/"
