"""Every page type in a real browser (issue 18): axe-core, phone width, focus, header icons.

The fixture site is served over HTTP and opened in Debian's headless Chromium at
1280 and 390 px, light and dark.  axe-core (vendored under tests/fixtures/axe-core)
must find no WCAG 2.2 A/AA violation of any impact.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_helpers import CONTRAST_JS, SIZES, TAB_STOP, axe_violations, describe
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
        # The search page fills its results in once the search index has loaded, and
        # then says how many it found.
        page.wait_for_selector("#kb-search-results li")
        page.wait_for_function("document.getElementById('kb-search-status').textContent.trim()")
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


@pytest.mark.parametrize(
    "opened",
    [p for p in MATRIX if "-desktop-" in p.id and not p.id.startswith("search")],
    indirect=True,
)
def test_focus_is_visible_on_every_focusable_element(opened: Any) -> None:
    """Tab through the page: every stop shows a ring it does not show unfocused."""
    seen, missing = 0, []
    for _ in range(400):
        opened.keyboard.press("Tab")
        stop = opened.evaluate(TAB_STOP)
        if stop is None:
            break
        if stop["html"] in missing:
            continue
        seen += 1
        if stop["on_screen"] and not stop["visible"]:
            missing.append(stop["html"])
    assert seen > 5
    assert missing == []


def test_headings_scale_down_on_a_phone(browser: Any, base_url: str) -> None:
    """No word of a heading is split over two lines at 390 px ("Immunotherap / y")."""
    page = _open(browser, base_url + PAGES["article"], "phone", "light")
    split = page.evaluate(
        """() => {
            const split = [];
            for (const h of document.querySelectorAll('article h1, article h2, article h3')) {
                const text = h.firstChild;
                if (!text || text.nodeType !== 3) continue;
                const range = document.createRange();
                for (const m of text.data.matchAll(/\\S+/g)) {
                    range.setStart(text, m.index);
                    range.setEnd(text, m.index + m[0].length);
                    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    if (lines.size > 1) split.push(m[0]);
                }
            }
            return split;
        }"""
    )
    assert split == []
    h1 = page.evaluate("getComputedStyle(document.querySelector('article h1')).hyphens")
    assert h1 == "auto"
    page.context.close()


def test_no_request_fails(browser: Any, base_url: str) -> None:
    """Every file a page asks for exists (the favicon was a 404)."""
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    for name in ("home", "article", "glossary"):
        page.goto(base_url + PAGES[name])
        page.wait_for_load_state("networkidle")
    assert failed == []
    icon = page.evaluate("document.querySelector('link[rel~=icon]').href")
    assert page.request.get(icon).ok
    page.close()


@pytest.mark.parametrize(
    "opened", [p for p in MATRIX if p.id.startswith("tags-desktop")], indirect=True
)
def test_tag_badges_stand_out_in_both_modes(opened: Any) -> None:
    """Text 4.5:1 on the badge, and the badge's edge 3:1 against the page, for every
    colour (sphinx-design's "light" vanished on white, its "dark" on furo's dark)."""
    badges = opened.evaluate(
        "() => {"
        + CONTRAST_JS
        + """
        const page = getComputedStyle(document.body).backgroundColor;
        return [...document.querySelectorAll('.kb-tag')].map((el) => {
            const s = getComputedStyle(el);
            return {cls: el.className, text: contrast(s.color, s.backgroundColor),
                    edge: Math.max(contrast(s.borderTopColor, page),
                                   contrast(s.backgroundColor, page))};
        });
        }"""
    )
    colours = {b["cls"] for b in badges}
    assert len(colours) == 8, colours  # the fixture uses every colour
    weak = [b for b in badges if b["text"] < 4.5 or b["edge"] < 3]
    assert weak == []
