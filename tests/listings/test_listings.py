"""Listings, navigation, archive, feed and the home page (issues 2 and 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from kbtest import ROOTS, copy_project, page, soup
from lxml import etree


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_home_page_at_output_root(app) -> None:
    app.build()
    root = soup(Path(app.outdir) / "index.html")
    assert root.find("h1").get_text().rstrip("¶#") == "Test KB"
    # The page itself, written at the root: no <base> redirecting its links.
    assert root.find("base") is None
    assert root.find("html")["data-content_root"] == "./"
    # Latest articles as cards, newest first, limited.
    cards = [c.get_text() for c in root.select(".kb-card-title a")]
    assert cards == ["Gamma", "Delta", "Alpha <script>alert(1)</script> & co"]


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_sidebar_is_small_and_prev_next_follow_dates(app) -> None:
    app.build()
    html = page(app, "docs/articles/delta")
    tree = html.select_one(".sidebar-tree")
    top = [a.get_text() for a in tree.select("li.toctree-l1 > a")]
    assert top == ["Latest articles", "Archive", "Tags", "Glossary"]
    # The neighbourhood: the year, and up to two articles either side by date, of
    # that year only (Gamma, 2025, and the 2018 seed article are not 2019's).
    assert [a.get_text() for a in tree.select("li.toctree-l2 > a")] == ["2019"]
    leaves = [a.get_text() for a in tree.select("li.toctree-l3 > a")]
    assert leaves == ["Delta", "Alpha <script>alert(1)</script> & co"]
    footer = html.select_one(".related-pages")
    assert "Gamma" in footer.select_one("a.next-page").get_text()
    assert "Alpha" in footer.select_one("a.prev-page").get_text()
    assert "Gamma" in html.select_one("head link[rel=next]")["title"]
    # Sphinx's toctree-order relations were dropped before any page was written (their
    # titles were rendered for every page, then replaced): none reach a page.
    assert app.builder.relations == {}
    assert page(app, "docs/glossary").select(".related-pages a, head link[rel=prev]") == []
    related = [a.get_text() for a in html.select(".kb-related a strong")]
    assert related and "Delta" not in related


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_archive_pages_are_bounded(app) -> None:
    app.build()
    years = page(app, "docs/archive/index")
    assert [a.get_text() for a in years.select(".kb-archive a")] == [
        "2025",
        "2019",
        "2018",
        "Undated",
    ]
    year = page(app, "docs/archive/2019")
    assert [a.get_text() for a in year.select(".kb-archive a")] == ["March 2019"]
    month = page(app, "docs/archive/2019-03")
    assert [s.get_text() for s in month.select(".kb-article-list strong")] == [
        "Delta",
        "Alpha <script>alert(1)</script> & co",
    ]


def test_month_pages_split_past_the_page_size(make_app, tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "site")
    for day in range(1, 6):
        (src / f"docs/articles/may-{day}.md").write_text(
            f"---\ntitle: May {day}\ndate: 2021-05-0{day}\ntags: [cancer]\n---\nText.\n"
        )
    app = make_app("html", srcdir=src)
    app.build()
    pages = [page(app, f"docs/archive/2021-05{suffix}") for suffix in ("", "-p2", "-p3")]
    listed = [[s.get_text() for s in p.select(".kb-article-list strong")] for p in pages]
    assert listed == [["May 5", "May 4"], ["May 3", "May 2"], ["May 1"]]
    assert [a.get_text().strip() for a in pages[0].select(".kb-pager a")] == ["2", "3"]


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_article_list_directive_filters(app) -> None:
    (Path(app.srcdir) / "docs/list.md").write_text(
        "---\norphan: true\n---\n# Lists\n\n```{article-list}\n:tag: oncology\n:year: 2019\n"
        ":style: list\n```\n\n```{article-list}\n:sort: title\n:limit: 2\n:style: list\n```\n"
    )
    app.build()
    html = page(app, "docs/list")
    lists = html.select(".kb-article-list")
    assert [s.get_text() for s in lists[0].select("strong")] == [
        "Alpha <script>alert(1)</script> & co"
    ]
    assert [s.get_text() for s in lists[1].select("strong")] == [
        "Alpha <script>alert(1)</script> & co",
        "Beta",
    ]


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_atom_feed_is_valid_and_escaped(app) -> None:
    app.build()
    raw = (Path(app.outdir) / "feed.xml").read_bytes()
    tree = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [t.text for t in tree.findall("a:entry/a:title", ns)]
    assert titles[0] == "Gamma"
    assert "Alpha <script>alert(1)</script> & co" in titles
    assert b"<script>" not in raw  # escaped as &lt;script&gt;
    links = tree.findall("a:entry/a:link", ns)
    assert links[0].get("href") == "https://kb.example.org/docs/articles/gamma.html"
    head = page(app, "docs/index").find("link", attrs={"type": "application/atom+xml"})
    assert head["href"] == "feed.xml"  # the home page is at the site root
