"""What a reader's browser shows (issue 2): the seed article at desktop and phone widths."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = "docs/articles/seed"


@pytest.mark.browser
@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_seed_article_in_a_browser(app, browser, width: int, height: int) -> None:
    app.build()
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto((Path(app.outdir) / f"{SEED}.html").as_uri())
    heading = page.locator("article h1")
    assert heading.count() == 1
    assert heading.inner_text().strip().rstrip("¶#").strip() == (
        "What is Immunotherapy and How Does it Work?"
    )
    time = page.locator("article .kb-byline time")
    assert time.is_visible() and time.inner_text() == "5 October 2018"
    lede = page.locator("article .kb-lede")
    assert lede.is_visible()
    assert lede.inner_text().startswith("Our immune system is a complicated network")
    # The heading fits the viewport: no horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    # Furo moves the sidebar off-canvas on narrow screens; on desktop it is on screen.
    box = page.locator(".sidebar-drawer").bounding_box()
    on_screen = box is not None and box["x"] + box["width"] > 0
    assert on_screen == (width > 900), box
    context.close()


@pytest.mark.browser
@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_root_index_is_the_home_page(app, browser) -> None:
    app.build()
    page = browser.new_page()
    page.goto((Path(app.outdir) / "index.html").as_uri())
    assert page.locator("article h1").inner_text().rstrip("¶#").strip() == "Test KB"
    # Links resolve exactly as on docs/index.html.
    page.locator(".kb-card-title a", has_text="Gamma").click()
    page.wait_for_url("**/docs/articles/gamma.html", timeout=5000)
    page.wait_for_load_state()
    assert page.locator("article h1").inner_text().rstrip("¶#").strip() == "Gamma"
