"""Every page type in a real browser (issue 18): axe-core, phone width, focus, header icons.

The fixture site is served over HTTP and opened in Debian's headless Chromium at
1280 and 390 px, light and dark.  axe-core (vendored under tests/fixtures/axe-core)
must find no WCAG 2.2 A/AA violation of any impact.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_helpers import FOCUS_STYLE, SIZES, axe_violations, describe
from site_helpers import ARTICLE

pytestmark = pytest.mark.browser

PAGES = {
    "home": "index.html",
    "article": f"{ARTICLE}.html",
    "tag": "docs/tags/cancer.html",
    "tags": "docs/tags/index.html",
    "glossary": "docs/glossary.html",
    "archive": "docs/archive/index.html",
    "year": "docs/archive/2021.html",
    "month": "docs/archive/2021-03.html",
    "latest": "docs/archive/latest.html",
    "search": "search.html?q=immune",
}


def _open(browser: Any, url: str, size: str, scheme: str) -> Any:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if "search.html" in url:
        # Sphinx's search fills the results in after loading its index.
        page.wait_for_function(
            "document.querySelector('#search-results p.search-summary')"
            " && document.querySelector('#search-results p.search-summary').textContent.trim()"
        )
    return page


@pytest.fixture
def opened(browser: Any, base_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    name, size, scheme = request.param
    page = _open(browser, base_url + PAGES[name], size, scheme)
    yield page
    page.context.close()


MATRIX = [
    pytest.param((name, size, scheme), id=f"{name}-{size}-{scheme}")
    for name in PAGES
    for size in SIZES
    for scheme in ("light", "dark")
]


@pytest.mark.parametrize("opened", MATRIX, indirect=True)
def test_axe_finds_no_wcag_violation(opened: Any) -> None:
    violations = axe_violations(opened)
    assert violations == [], describe(violations)


@pytest.mark.parametrize(
    "opened", [p for p in MATRIX if "-phone-" in p.id and p.id.endswith("light")], indirect=True
)
def test_no_horizontal_scroll_on_a_phone(opened: Any) -> None:
    width = opened.viewport_size["width"]
    assert opened.evaluate("document.documentElement.scrollWidth") <= width
    wide = opened.evaluate(
        """(width) => [...document.querySelectorAll('article *')]
            .filter(el => el.getBoundingClientRect().right > width + 1
                          && getComputedStyle(el).display !== 'none'
                          && el.closest('.kb-term-tip, .table-wrapper, pre') === null)
            .map(el => el.tagName + '.' + el.className + ' ' + el.textContent.slice(0, 30))""",
        width,
    )
    assert wide == []
