"""Descriptions for sharing and search (issue 15, item 10): an article without one
gets its first body paragraph, never its byline."""

from __future__ import annotations

import pytest
from kbtest import page

from sphinx_kb.outputs.page_meta import shorten


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_an_article_without_description_uses_its_first_paragraph(app) -> None:
    app.build()
    html = page(app, "docs/articles/delta")  # front matter without a description
    meta = html.find("meta", attrs={"name": "description"})["content"]
    og = [m["content"] for m in html.select('meta[property="og:description"]')]
    assert meta == "Delta body." and og == ["Delta body."]
    # With one, the description wins; the lede is the description.
    gamma = page(app, "docs/articles/gamma")
    assert gamma.find("meta", attrs={"name": "description"})["content"] == "Gamma's description."


def test_long_first_paragraphs_are_shortened_at_a_word() -> None:
    text = "word " * 100
    short = shorten(text, 40)
    assert short == "word word word word word word word…" and len(short) <= 40
    assert shorten("  Short   text. ") == "Short text."


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_a_page_of_listings_has_no_scraped_description(app) -> None:
    app.build()
    home = page(app, "docs/index")
    # The home page lists articles only: no scraped listing text as its description.
    assert home.select('meta[property="og:description"]') == []
