"""The home page (issue 18, item 1): one address, at the site root, a page like any other."""

from __future__ import annotations

from typing import Any

import pytest
from browser_helpers import SIZES
from site_helpers import ARTICLE, Site


def test_home_page_is_written_at_the_root_as_a_page_of_its_own(site: Site) -> None:
    home = site.page("index")
    assert home.find("base") is None
    assert home.find("html")["data-content_root"] == "./"
    # In-page anchors (the skip link, furo's SVG icons) point into this very file.
    skip = home.select_one("a.skip-to-content")
    assert skip["href"] == "#furo-main-content" and home.find(id="furo-main-content")
    for use in home.select("svg use"):
        assert use["href"].startswith("#") and home.find(id=use["href"][1:]), use
    # Links from the home page reach the articles.
    cards = [a["href"] for a in home.select(".kb-card a[href]")]
    newest = "docs/articles/inflammation-the-bodys-alarm-system.html"
    assert newest in cards and (site.outdir / newest).is_file()


def test_home_page_has_one_address(site: Site) -> None:
    article = site.page(ARTICLE)
    # The logo, the header title and "Home" links go to the root, never to docs/index.html.
    assert article.select_one("a.sidebar-brand")["href"] == "../../index.html"
    assert article.select_one(".header-center a")["href"] == "../../index.html"
    assert not article.select('a[href$="docs/index.html"], a[href="../index.html"]')
    home = site.page("index")
    assert home.find("link", rel="canonical")["href"] == "https://kb.example.org/index.html"
    assert home.find("meta", property="og:url")["content"] == "https://kb.example.org/index.html"
    # The old address redirects to the one home page and is not indexed.
    old = site.page("docs/index")
    assert old.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../index.html"
    assert old.find("link", rel="canonical")["href"] == "https://kb.example.org/index.html"
    assert old.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    sitemap = site.html("sitemap.xml")
    assert "<loc>https://kb.example.org/index.html</loc>" in sitemap
    assert "docs/index.html" not in sitemap


@pytest.mark.browser
@pytest.mark.parametrize("size", list(SIZES))
def test_header_icons_are_drawn_on_the_root_page(browser: Any, base_url: str, size: str) -> None:
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(base_url + "index.html")
    # A <use> whose symbol is missing draws nothing: an empty box.
    drawn = page.evaluate(
        """() => [...document.querySelectorAll(
                '.mobile-header svg use, .content-icon-container svg use')]
            .filter(u => u.closest('svg').getBoundingClientRect().width > 0)
            .map(u => [u.getAttribute('href'), u.getBBox().width])"""
    )
    assert drawn and all(w > 0 for _href, w in drawn), drawn
    # The skip link moves focus to this page's content, without leaving the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className").startswith("skip-to-content")
    page.keyboard.press("Enter")
    # The fragment lands after the key event returns; wait for it rather than race it.
    target = base_url + "index.html#furo-main-content"
    page.wait_for_url(target, timeout=5000)
    assert page.url == target
    page.close()
