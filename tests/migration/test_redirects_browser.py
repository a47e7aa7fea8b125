"""Old URLs of migrated pages lead a real browser to the new pages, anchors included."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import FIXTURES, Migrated

JEKYLL = FIXTURES / "jekyll-blog"
HUGO = FIXTURES / "hugo-docs"


@pytest.mark.browser
@pytest.mark.sphinx("html")
def test_old_urls_redirect_in_chromium(
    migrate: Callable[..., Migrated], tmp_path: Path, make_app, browser
) -> None:
    dest = tmp_path / "site" / "docs" / "articles"
    assert migrate(JEKYLL, "--dest", dest, "--media", JEKYLL).code == 0
    hugo = migrate(HUGO / "content/docs", "--dest", dest / "docs", project=tmp_path / "site")
    assert hugo.code == 0
    app = make_app("html", srcdir=tmp_path / "site", freshenv=True)
    app.build()
    outdir = Path(app.outdir)
    page = browser.new_page()
    cases = [
        # (old URL below the site, new page, heading)
        ("jekyll/update/2014/05/06/welcome-to-jekyll/", "posts/welcome-to-jekyll.html", None),
        ("chisels/#honing", "posts/sharpening-chisels.html#honing", "honing"),
        ("2015/01/10/chisels.html", "posts/sharpening-chisels.html", None),
        ("about/", "about.html", None),
        ("install/#reqs", "docs/getting-started/install.html#reqs", "reqs"),
        ("docs/setup/", "docs/getting-started/install.html", None),
    ]
    for old, new, anchor in cases:
        path, _sep, fragment = old.partition("#")
        url = (outdir / path / ("index.html" if path.endswith("/") else "")).as_uri()
        page.goto(url + (f"#{fragment}" if fragment else ""))
        page.wait_for_url(f"**/docs/articles/{new}")
        assert page.locator("article h1").count() == 1, old
        if anchor:
            assert page.locator(f"#{anchor}").count() == 1
    page.close()
