"""Hover definitions in a real headless Chromium (Debian's, never a downloaded one)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from glossary_helpers import Built
from playwright.sync_api import Browser, Page


@pytest.fixture
def page(browser: Browser, glossary_site: Built) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    url = (glossary_site.outdir / "docs" / "articles" / "alpha.html").as_uri()
    page.goto(url)
    yield page
    page.close()


@pytest.mark.browser
def test_hover_shows_the_definition(page: Page) -> None:
    link = page.locator("article a.kb-term-link").first
    tip = page.locator("#" + link.get_attribute("aria-describedby"))
    assert link.locator(".std-term").inner_text() == "immune system"
    assert link.get_attribute("href") == "../glossary.html#term-Immune-system"
    assert not tip.is_visible()
    link.hover()
    assert tip.is_visible()
    assert tip.inner_text() == "The network of cells, tissues and organs that defends the body."
    box = tip.bounding_box()
    assert box is not None and box["width"] > 50 and box["height"] > 10
    page.mouse.move(5, 5)
    assert not tip.is_visible()


@pytest.mark.browser
def test_keyboard_focus_shows_the_definition(page: Page) -> None:
    # Tab through the page until a term link has focus, as a keyboard user would.
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kb-term-link')"):
            break
    else:
        pytest.fail("no term link reached with the Tab key")
    focused = page.locator("a.kb-term-link:focus")
    assert focused.count() == 1
    tip = page.locator("#" + focused.get_attribute("aria-describedby"))
    assert tip.is_visible()
    assert tip.inner_text() == "The network of cells, tissues and organs that defends the body."
    assert focused.get_attribute("href") == "../glossary.html#term-Immune-system"
    # The link works: following it lands on the glossary entry.
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary.html#term-Immune-system")
    assert page.locator("#term-Immune-system").is_visible()
