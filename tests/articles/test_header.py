"""Front matter drives article pages (issue 2): title, date, lede, meta, escaping."""

from __future__ import annotations

import pytest
from kbtest import page, warnings_of


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_seed_article_page(app) -> None:
    app.build()
    html = page(app, "docs/articles/seed")
    h1s = html.find_all("h1")
    assert [h.get_text().rstrip("¶#") for h in h1s] == [
        "What is Immunotherapy and How Does it Work?"
    ]
    assert html.title.get_text().startswith("What is Immunotherapy and How Does it Work?")
    time = html.select_one(".kb-byline time")
    assert time["datetime"] == "2018-10-05"
    assert time.get_text() == "5 October 2018"
    assert "min read" in html.select_one(".kb-byline").get_text()
    meta = html.find("meta", attrs={"name": "description"})
    assert meta["content"].startswith("Our immune system is a complicated network")
    # The description opens the body, so that paragraph is the lede (not a repeat).
    ledes = html.select(".kb-lede")
    assert len(ledes) == 1 and ledes[0].get_text().startswith(meta["content"])
    assert html.get_text().count("to keep us healthy and fight off disease") == 1
    assert "The Basics of Immunotherapy" in [h.get_text().rstrip("¶#") for h in html.find_all("h2")]
    text = html.get_text()
    assert "â€" not in text and "system’s" in text


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_front_matter_is_escaped_and_title_not_doubled(app) -> None:
    app.build()
    html = page(app, "docs/articles/alpha")
    assert [h.get_text().rstrip("¶#") for h in html.find_all("h1")] == [
        "Alpha <script>alert(1)</script> & co"
    ]
    assert not html.find("script", string=lambda s: s and "alert(1)" in s)
    assert not html.find("img", attrs={"onerror": True})
    meta = html.find("meta", attrs={"name": "description"})
    assert meta["content"] == "A lede with <img src=x onerror=alert(1)> inside & more."
    assert html.select_one(".kb-lede").get_text() == meta["content"]
    raw = (app.outdir / "docs/articles/alpha.html").read_text()
    assert "<script>alert(1)" not in raw
    assert "onerror=alert(1)>" not in raw


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_dates_tags_and_unused_keys(app) -> None:
    app.build()
    warnings = warnings_of(app)
    # A date that does not parse: a warning naming file and line, never a crash.
    assert "beta.md:3: WARNING: date 'not a real date' is not a date I can read" in warnings
    # An undeclared tag warns with the line of the tags key.
    assert "beta.md:5: WARNING: tag 'brand new tag' is not declared in docs/tags.yml" in warnings
    # Unused CMS keys never warn and stay in the page metadata.
    assert "templateKey" not in warnings and "featuredpost" not in warnings
    assert app.env.metadata["docs/articles/alpha"]["templateKey"] == "article-template"
    assert app.env.metadata["docs/articles/alpha"]["featuredpost"] == "true"
    gamma = page(app, "docs/articles/gamma").select_one(".kb-byline time")
    assert gamma["datetime"] == "2025-01-29"
    # The alias "Oncology" and the spaced "immune   system" resolve to declared tags.
    badges = [b.get_text() for b in page(app, "docs/articles/alpha").select(".kb-byline .kb-tag")]
    assert badges == ["Cancer", "Immune system"]
    assert page(app, "docs/articles/beta").select_one(".kb-byline time") is None


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_title_from_the_body_when_front_matter_has_none(app) -> None:
    app.build()
    html = page(app, "docs/articles/epsilon")
    assert [h.get_text().rstrip("¶#") for h in html.find_all("h1")] == ["Epsilon from the body"]
    assert "epsilon" not in warnings_of(app)
