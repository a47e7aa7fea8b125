"""The repository's own knowledge base, as Read the Docs builds it: the site's template
override (a health notice at the foot of every page) and its theme, in a real browser."""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import SIZES, axe_violations, describe
from bs4 import BeautifulSoup
from kbtest import REPO, copy_project
from site_helpers import serve
from sphinx.cmd.build import build_main

DISCLAIMER = runpy.run_path(str(REPO / "conf.py"))["DISCLAIMER"]
PAGES = {
    "home": "index.html",
    "article": "docs/articles/what-is-immunotherapy-and-how-does-it-work.html",
    "glossary": "docs/glossary.html",
    "tag": "docs/tags/cancer.html",
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = copy_project(REPO, tmp_path_factory.mktemp("sample") / "src")
    outdir = srcdir / "_build" / "html"
    assert build_main(["-q", "-b", "html", str(srcdir), str(outdir)]) == 0
    return outdir


def test_every_page_ends_with_the_sites_health_notice(sample: Path) -> None:
    pages = sorted(sample.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        if doc.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # the old home page's redirect
        notices = doc.select("footer p.kb-site-notice")
        assert len(notices) == 1, path
        assert notices[0].get_text(" ", strip=True) == f"Not medical advice. {DISCLAIMER}"


def test_the_sites_theme_is_linked_after_the_packages(sample: Path) -> None:
    doc = BeautifulSoup((sample / "index.html").read_text(encoding="utf-8"), "lxml")
    sheets = [link["href"] for link in doc.select('link[rel="stylesheet"]')]
    ours = [i for i, href in enumerate(sheets) if "sphinx-kb.css" in href]
    site = [i for i, href in enumerate(sheets) if "kb-theme.css" in href]
    assert ours and site and ours[0] < site[0], sheets
    css = (sample / "_static" / "kb-theme.css").read_text(encoding="utf-8")
    assert "--color-brand-content" in css and ".kb-site-notice" in css


def test_the_notice_escapes_what_conf_py_says(tmp_path: Path) -> None:
    srcdir = copy_project(REPO, tmp_path / "src")
    outdir = tmp_path / "out"
    hostile = '<script>alert(1)</script> & "x"'
    assert (
        build_main(["-q", "-b", "html", "-A", f"disclaimer={hostile}", str(srcdir), str(outdir)])
        == 0
    )
    text = (outdir / "docs" / "glossary.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in text
    assert "<script>alert(1)" not in text


@pytest.fixture(scope="module")
def sample_url(sample: Path) -> Iterator[str]:
    with serve(sample) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(PAGES))
def test_sample_pages_pass_axe(
    browser: Any, sample_url: str, name: str, size: str, scheme: str
) -> None:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(sample_url + PAGES[name])
        page.wait_for_load_state("networkidle")
        assert page.locator("footer .kb-site-notice").is_visible()
        violations = axe_violations(page)
        assert not violations, describe(violations)
    finally:
        context.close()
