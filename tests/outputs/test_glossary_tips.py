"""Glossary tips in a real browser (issue 18, item 4; WCAG 1.4.13 content on hover or focus).

A tip must stay inside the window, be dismissed by Escape, stay open while the
pointer moves onto it, describe its link without becoming part of the link's name,
and on a touch screen a tap shows it instead of leaving for the glossary.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_helpers import SIZES
from site_helpers import ARTICLE

pytestmark = pytest.mark.browser

# The article whose terms sit at every place on a line, near both edges.
PAGE = "docs/articles/innate-and-adaptive-immunity-two-lines-of-defence.html"


@pytest.fixture(params=list(SIZES))
def page(browser: Any, base_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(base_url + PAGE)
    yield page
    context.close()


def _tip(page: Any, link: Any) -> Any:
    return page.locator("#" + link.get_attribute("aria-describedby"))


def test_every_tip_stays_inside_the_window(page: Any) -> None:
    width = page.viewport_size["width"]
    links = page.locator("article a.kb-term-link")
    assert links.count() > 3
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        link.hover()
        tip = _tip(page, link)
        assert tip.is_visible()
        box = tip.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (link.inner_text(), box)


def test_escape_closes_the_tip_and_the_pointer_can_move_onto_it(page: Any) -> None:
    link = page.locator("article a.kb-term-link").first
    tip = _tip(page, link)
    link.hover()
    assert tip.is_visible()
    # Hoverable: the pointer moves from the term onto the tip, which stays.
    box = tip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    assert tip.is_visible()
    # Dismissable without moving the pointer or focus.
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    # Persistent until then, and back the next time the term is pointed at.
    page.mouse.move(2, 2)
    link.hover()
    assert tip.is_visible()


def test_keyboard_focus_shows_the_tip_and_escape_hides_it(page: Any) -> None:
    link = page.locator("article a.kb-term-link").first
    tip = _tip(page, link)
    link.focus()
    assert tip.is_visible()
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('kb-term-link')")


def test_the_tip_is_a_description_not_part_of_the_name(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + PAGE)
    link = page.locator("article a.kb-term-link").first
    term = link.inner_text()
    link.focus()  # the tip is shown: it must still not join the link's name
    assert page.get_by_role("link", name=term, exact=True).first.is_visible()
    tip = _tip(page, link)
    assert tip.get_attribute("role") == "tooltip"
    snapshot = page.locator("article").aria_snapshot()
    assert f'link "{term}"' in snapshot
    page.close()


def test_a_tap_shows_the_tip_and_a_second_tap_follows_the_link(browser: Any, base_url: str) -> None:
    width, height = SIZES["phone"]
    context = browser.new_context(
        viewport={"width": width, "height": height}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    page.goto(base_url + PAGE)
    link = page.locator("article a.kb-term-link").first
    tip = _tip(page, link)
    link.scroll_into_view_if_needed()
    link.tap()
    assert page.url == base_url + PAGE  # stayed on the article
    assert tip.is_visible()
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # A tap elsewhere closes it.
    page.locator("article h1").tap()
    assert not tip.is_visible()
    link.tap()
    assert tip.is_visible()
    link.tap()
    page.wait_for_url("**/glossary.html#term-*")
    context.close()


def test_term_links_are_quiet(browser: Any, base_url: str) -> None:
    """Term links look like abbreviations: the text's colour, a dotted underline."""
    page = browser.new_page()
    page.goto(base_url + f"{ARTICLE}.html")
    style = page.evaluate(
        """() => {
            const link = document.querySelector('article a.kb-term-link');
            const text = getComputedStyle(link.closest('p'));
            const s = getComputedStyle(link);
            const nav = getComputedStyle(document.querySelector('article a.reference.external,'
                + ' article .kb-tags a, .sidebar-tree a'));
            return {color: s.color, parent: text.color, style: s.textDecorationStyle,
                    line: s.textDecorationLine, nav: nav.color};
        }"""
    )
    assert style["color"] == style["parent"] != style["nav"]
    assert style["style"] == "dotted" and style["line"] == "underline"
    page.close()


def test_glossary_terms_stand_out_from_their_definitions(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "docs/glossary.html")
    term, definition = page.evaluate(
        """() => [document.querySelector('dl.glossary > dt'),
                  document.querySelector('dl.glossary > dd p')].map(el => {
            const s = getComputedStyle(el);
            return [parseInt(s.fontWeight), parseFloat(s.fontSize)];
        })"""
    )
    assert term[0] >= 700 and term[1] > definition[1]
    # The A-Z bar takes the reader to the letter.
    letter = page.locator("nav.kb-az a", has_text="T")
    fragment = letter.get_attribute("href")
    letter.click()
    page.wait_for_url("**/docs/glossary.html" + fragment, timeout=5000)
    assert page.url.endswith(fragment)
    page.close()
