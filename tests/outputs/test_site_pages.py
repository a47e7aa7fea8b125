"""What the fixture site's HTML says (issue 18 items 2, 5, 9, 10-13; issue 15 item 10)."""

from __future__ import annotations

import re

from lxml import etree
from site_helpers import ARTICLE, Site

VACCINES = "docs/articles/how-vaccines-train-the-immune-system"
SCREENING = "docs/articles/cancer-screening-what-it-can-and-cannot-do"
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def _sidebar_years(site: Site, docname: str) -> dict[str, list[str]]:
    tree = site.page(docname).select_one(".sidebar-tree")
    return {
        year.find("a").get_text(): [a.get_text() for a in year.select("li.toctree-l3 > a")]
        for year in tree.select("li.toctree-l2")
    }


def test_archive_sidebar_lists_only_the_years_own_articles(site: Site) -> None:
    # The 2018 article's neighbours by date are February 2019 articles.
    assert _sidebar_years(site, ARTICLE) == {
        "2018": ["What is Immunotherapy and How Does it Work?"]
    }
    years = _sidebar_years(site, "docs/articles/car-t-cell-therapy-explained")
    assert years == {
        "2021": ["How Vaccines Train the Immune System", "CAR T-Cell Therapy Explained"]
    }


def test_sidebar_is_a_named_navigation_with_a_real_heading(site: Site) -> None:
    for docname in ("index", ARTICLE, "docs/glossary"):
        page = site.page(docname)
        nav = page.select_one(".sidebar-tree > nav")
        caption = nav.select_one(".caption")
        assert caption["role"] == "heading" and caption["aria-level"] == "2"
        assert nav["aria-labelledby"] == caption["id"]
        # Furo's collapse checkboxes are plain checkboxes (a switch needs aria-checked).
        assert page.select('[role="switch"]') == []
        assert page.select_one("aside.sidebar-drawer")["aria-label"]
        assert page.select_one("aside.toc-drawer")["aria-label"]


def test_latest_articles_is_listed_once_on_its_own_page(site: Site) -> None:
    tree = site.page("docs/archive/latest").select_one(".sidebar-tree")
    labels = [a.get_text() for a in tree.select("a")]
    assert labels.count("Latest articles") == 1


def test_counts_use_the_same_words_everywhere(site: Site) -> None:
    tag = site.page("docs/tags/cancer")
    line = tag.select_one(".kb-count-line").get_text()
    count = len(tag.select(".kb-article-list > li"))
    assert line == f"{count} articles with this tag, newest first."
    overview = site.page("docs/tags/index")
    item = next(li for li in overview.select(".kb-tag-overview > li") if "Cancer" in li.text)
    assert f"({count} articles)" in item.get_text()


def test_related_articles_is_a_heading(site: Site) -> None:
    related = site.page(ARTICLE).select_one(".kb-related")
    assert related.find("h2").get_text() == "Related articles"


def test_cards_have_a_heading_and_one_link(site: Site) -> None:
    home = site.page("index")
    cards = home.select(".kb-card")
    assert len(cards) == 6
    for card in cards:
        title = card.select_one(".kb-card-title")
        assert title.name == "h3" and title.find("a")
        # The whole card is one link to the article; tag badges keep their own links.
        article_links = {a["href"] for a in card.select("a") if "/articles/" in a["href"]}
        assert len(article_links) == 1


def test_the_viewport_is_declared_once_and_the_favicon_exists(site: Site) -> None:
    for docname in ("index", ARTICLE, "docs/tags/cancer"):
        html = site.html(f"{docname}.html" if docname != "index" else "index.html")
        assert len(re.findall(r'<meta name="viewport"', html)) == 1
    page = site.page(ARTICLE)
    icon = page.find("link", rel="icon")
    assert icon is not None
    assert (site.outdir / ARTICLE).parent.joinpath(icon["href"]).resolve().is_file()


def test_social_cards_are_off_without_a_word(site: Site) -> None:
    assert "matplotlib" not in site.status and "matplotlib" not in site.warnings
    assert not site.page(ARTICLE).find("meta", property="og:image")


def test_articles_are_shared_as_articles(site: Site) -> None:
    page = site.page(VACCINES)
    meta = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert meta["og:type"] == "article"
    assert meta["article:published_time"] == "2021-11-30T08:15:00+00:00"
    assert meta["article:modified_time"] == "2025-02-10"
    assert meta["article:author"] == "Jordan Lee"
    tags = [m["content"] for m in page.select('meta[property="article:tag"]')]
    assert tags == ["Vaccines", "Immune system", "Prevention"]
    assert site.page("docs/tags/cancer").find("meta", property="og:type")["content"] == "website"


def test_listing_pages_share_their_own_words(site: Site) -> None:
    expected = {
        "docs/archive/2021": "Articles published in 2021, by month.",
        "docs/archive/2021-03": "Articles published in March 2021, newest first.",
        "docs/tags/cancer": "How cancers start, grow and are found and treated.",
        "docs/tags/index": "Every topic, with the number of articles about it.",
    }
    for docname, text in expected.items():
        page = site.page(docname)
        assert [m["content"] for m in page.select('meta[property="og:description"]')] == [text]
        assert page.find("meta", attrs={"name": "description"})["content"] == text


def test_feed_names_its_author_and_entries_their_updates(site: Site) -> None:
    tree = etree.fromstring(
        (site.outdir / "feed.xml").read_bytes(), etree.XMLParser(resolve_entities=False)
    )
    # RFC 4287 4.1.1: atom:feed has an author unless every entry has one.
    assert tree.findtext("a:author/a:name", namespaces=ATOM) == "sphinx-kb contributors"
    assert tree.findtext("a:id", namespaces=ATOM)
    entries = {e.findtext("a:title", namespaces=ATOM): e for e in tree.findall("a:entry", ATOM)}
    vaccines = entries["How Vaccines Train the Immune System"]
    assert vaccines.findtext("a:published", namespaces=ATOM) == "2021-11-30T08:15:00+00:00"
    assert vaccines.findtext("a:updated", namespaces=ATOM) == "2025-02-10T00:00:00+00:00"
    assert vaccines.findtext("a:author/a:name", namespaces=ATOM) == "Jordan Lee"
    for entry in entries.values():
        assert entry.findtext("a:id", namespaces=ATOM) and entry.findtext(
            "a:updated", namespaces=ATOM
        )
    # The feed was updated when its newest entry was (a review counts).
    assert tree.findtext("a:updated", namespaces=ATOM) == max(
        e.findtext("a:updated", namespaces=ATOM) for e in entries.values()
    )


def test_an_article_shows_its_authors_reviews_and_sources(site: Site) -> None:
    page = site.page(SCREENING)
    byline = page.select_one(".kb-byline").get_text()
    assert "By Sam Okafor and Ria Patel" in byline
    review = page.select_one("p.kb-review").get_text()
    assert review == "Page last reviewed: 2 May 2024 · Next review due: 2 May 2027"
    references = page.select_one("section#kb-references")
    assert references.find("h2").get_text().rstrip("¶#") == "References"
    items = references.select("ol > li")
    assert items[0].find("a")["href"] == "https://www.cancer.gov/about-cancer/screening"
    assert items[1].find("a") is None and items[1].get_text().startswith("Welch HG")
    # The footer: the article's own last change, in the site's date format.
    assert page.select_one(".last-updated").get_text().split() == [
        "Last",
        "updated",
        "on",
        "2",
        "May",
        "2024",
    ]
    # Listing pages print no build date.
    assert site.page("docs/tags/cancer").select_one(".last-updated") is None


def test_glossary_page_has_an_a_to_z_bar_and_web_wording(site: Site) -> None:
    page = site.page("docs/glossary")
    bar = page.select_one("nav.kb-az")
    assert bar["aria-label"]
    letters = [a.get_text() for a in bar.select("a")]
    assert letters[:4] == ["A", "B", "C", "D"] and letters == sorted(letters)
    for link in bar.select("a"):
        target = page.find(id=link["href"][1:])
        assert target is not None and target.name == "dt"
        assert target.get_text().upper().startswith(link.get_text())
    intro = page.select_one("article section > p:nth-of-type(2)").get_text()
    assert "tap it" in intro
    assert "hover over or focus" not in page.get_text()
