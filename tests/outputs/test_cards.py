"""Home-page cards and listings in a browser (issue 18, items 5 and 11)."""

from __future__ import annotations

from typing import Any

import pytest
from browser_helpers import SIZES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", list(SIZES))
def test_cards_are_padded_bordered_and_clickable_anywhere(
    browser: Any, base_url: str, size: str
) -> None:
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(base_url + "index.html")
    card = page.locator(".kb-card").first
    look = card.evaluate(
        """(card) => {
            const body = getComputedStyle(card.querySelector('.sd-card-body'));
            const s = getComputedStyle(card);
            return {left: parseFloat(body.paddingLeft), right: parseFloat(body.paddingRight),
                    border: parseFloat(s.borderTopWidth), colour: s.borderTopColor,
                    page: getComputedStyle(document.body).backgroundColor};
        }"""
    )
    assert look["left"] >= 12 and look["right"] >= 12
    assert look["border"] >= 1 and look["colour"] != look["page"]
    # A click on the card's description (not its title) opens the article.
    href = card.locator(".kb-card-title a").get_attribute("href")
    # (The title's link covers the card, so the click lands on it, as a reader's does.)
    text = card.locator(".sd-card-text")
    text.scroll_into_view_if_needed()
    box = text.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/" + href)
    # A tag badge inside a card still goes to its tag.
    page.goto(base_url + "index.html")
    badge = page.locator(".kb-card .kb-card-tags a").first
    tag_href = badge.get_attribute("href")
    badge.click()
    page.wait_for_url("**/" + tag_href)
    page.close()


def test_dates_never_break_inside(browser: Any, base_url: str) -> None:
    page = browser.new_page(viewport={"width": SIZES["phone"][0], "height": 844})
    page.goto(base_url + "docs/archive/latest.html")
    split = page.evaluate(
        """() => [...document.querySelectorAll('article time')]
            .filter(t => new Set([...t.getClientRects()].map(r => Math.round(r.top))).size > 1)
            .map(t => t.textContent)"""
    )
    assert page.locator("article time").count() > 5
    assert split == []
    assert page.evaluate("getComputedStyle(document.querySelector('article time')).whiteSpace") == (
        "nowrap"
    )
    page.close()
