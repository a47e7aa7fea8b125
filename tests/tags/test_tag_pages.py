"""Tag pages from front matter (issue 4): listings, overview, vocabulary, incremental builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kbtest import ROOTS, copy_project, page, warnings_of


def _titles(html, selector: str = ".kb-article-list > li strong") -> list[str]:
    return [node.get_text() for node in html.select(selector)]


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_tag_pages_overview_and_cloud(app) -> None:
    app.build()
    cancer = page(app, "docs/tags/cancer")
    assert cancer.find("h1").get_text().rstrip("¶#") == "Cancer"
    # Declared description, escaped; articles newest first, with dates.
    assert cancer.select_one(".kb-tag-description").get_text() == (
        "Pages about cancer & <em>tumours</em>."
    )
    assert _titles(cancer) == [
        "Gamma",
        "Alpha <script>alert(1)</script> & co",
        "What is Immunotherapy and How Does it Work?",
        "Beta",
    ]
    # The page tagged with sphinx-tags' own directive is listed too.
    assert [a.get_text() for a in cancer.select(".kb-tagged-pages a")] == ["A hand-tagged page"]
    overview = page(app, "docs/tags/index")
    items = {
        li.select_one(".kb-tag").get_text(): li.get_text(" ", strip=True)
        for li in overview.select(".kb-tag-overview > li")
    }
    # Articles and other tagged pages counted apart, as the tag page counts them.
    assert "(4 articles and 1 page)" in items["Cancer"]
    assert "How the body defends itself." in items["Immune system"]
    assert "(1 page)" in items["Directive only"]
    cloud = page(app, "docs/index").select(".kb-tag-cloud a")
    assert {a.select_one(".kb-cloud-tag").get_text() for a in cloud} >= {"Cancer", "Immune system"}
    # sphinx-tags' directive badges point at the same generated pages.
    manual = page(app, "docs/manual")
    hrefs = {a["href"] for a in manual.select("p.tags a")}
    assert "tags/cancer.html" in hrefs and "tags/directive-only.html" in hrefs
    assert (Path(app.outdir) / "docs/tags/directive-only.html").is_file()


def _build(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


def _read_counts(app) -> str:
    match = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", app.status.getvalue())
    assert match, app.status.getvalue()
    return match.group(0)


def test_noop_rebuild_reads_nothing_and_rewrites_no_generated_file(make_app, tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "site")
    _build(make_app, src)
    generated = sorted((src / "docs/tags").glob("*.md")) + sorted(
        (src / "docs/archive").glob("*.md")
    )
    assert generated
    stamps = {path: path.stat().st_mtime_ns for path in generated}
    again = _build(make_app, src)
    assert _read_counts(again) == "0 added, 0 changed, 0 removed"
    assert {path: path.stat().st_mtime_ns for path in generated} == stamps


def test_editing_tags_updates_exactly_the_tag_pages(make_app, tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "site")
    _build(make_app, src)
    alpha = src / "docs/articles/alpha.md"
    alpha.write_text(alpha.read_text().replace("  - Oncology\n", "  - Vaccines\n"))
    app = _build(make_app, src)
    # alpha, the new tag page, the overview whose toctree gains it, and the two book
    # chapters (kb_pdf_grouping = "tag") whose toctrees lose and gain alpha: "cancer"
    # owned it, now "immune system" (declared; "vaccines" is not) does.
    assert _read_counts(app) == "1 added, 4 changed, 0 removed"
    assert "Alpha <script>alert(1)</script> & co" not in _titles(page(app, "docs/tags/cancer"))
    assert _titles(page(app, "docs/tags/vaccines")) == ["Alpha <script>alert(1)</script> & co"]
    overview = page(app, "docs/tags/index").get_text(" ", strip=True)
    assert "Cancer (3 articles and 1 page)" in overview and "vaccines (1 article)" in overview
    # Removing the last use of a tag removes its page, its output and its overview entry.
    alpha.write_text(alpha.read_text().replace("  - Vaccines\n", ""))
    app = _build(make_app, src)
    assert not (src / "docs/tags/vaccines.md").exists()
    assert not (Path(app.outdir) / "docs/tags/vaccines.html").exists()
    assert "vaccines" not in page(app, "docs/tags/index").get_text()
    # The incremental result equals a clean build of the same sources.
    clean = make_app("html", srcdir=src, freshenv=True, builddir=tmp_path / "clean")
    clean.build()
    for docname in (
        "docs/tags/cancer",
        "docs/tags/index",
        "docs/tags/immune-system",
        "docs/index",
        "docs/articles/alpha",
    ):
        assert str(page(app, docname).select_one("article")) == str(
            page(clean, docname).select_one("article")
        ), docname


def test_colliding_tag_slugs_warn_and_stay_apart(make_app, tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "site")
    (src / "docs/articles/one.md").write_text(
        "---\ntitle: One\ndate: 2020-01-01\ntags: ['a b']\n---\nOne.\n"
    )
    (src / "docs/articles/two.md").write_text(
        "---\ntitle: Two\ndate: 2020-01-02\ntags: ['a-b', '../../etc', '🎉']\n---\nTwo.\n"
    )
    app = _build(make_app, src)
    assert "tags 'a b' and 'a-b' both make the page name 'a-b'" in warnings_of(app)
    assert _titles(page(app, "docs/tags/a-b")) == ["One"]
    assert _titles(page(app, "docs/tags/a-b-2")) == ["Two"]
    # Slugs cannot leave the tags folder; symbol-only tags get a stable name.
    tag_files = {p.name for p in (src / "docs/tags").iterdir()}
    assert "etc.md" in tag_files
    assert any(re.fullmatch(r"tag-[0-9a-f]{8}\.md", name) for name in tag_files)
    assert not (src / "etc").exists() and not (src.parent / "etc.md").exists()


def test_grouping_by_tag_gives_every_article_one_toctree(make_app, tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "site")
    app = make_app("html", srcdir=src, confoverrides={"kb_pdf_grouping": "tag"})
    app.build()
    assert "isn't included in any toctree" not in warnings_of(app)
    parents: dict[str, list[str]] = {}
    for parent, children in app.env.toctree_includes.items():
        for child in children:
            parents.setdefault(child, []).append(parent)
    articles = [d for d in app.env.found_docs if d.startswith("docs/articles/")]
    assert articles
    for docname in articles:
        assert len(parents.get(docname, [])) == 1, (docname, parents.get(docname))
    # Owned by the first tag's page; the untagged article by the overview.
    assert parents["docs/articles/alpha"] == ["docs/tags/cancer"]
    assert parents["docs/articles/epsilon"] == ["docs/tags/index"]
