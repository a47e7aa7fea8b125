"""Articles' front matter reaches MyST, so its front matter features work on articles as
on any other page; the title stays text and warnings keep their lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from kbtest import ROOTS, copy_project, soup, warnings_of
from sphinx.testing.util import SphinxTestApp

ARTICLE = """\
---
title: "A *title* with [markup](https://example.org) and {sub}`role`"
date: 2024-02-03
description: What front matter can do.
tags: [cancer]
myst:
  html_meta:
    keywords: immunology, front matter
  heading_anchors: 2
---
Some text.

## A section

```{no-such-directive}
```
"""


@pytest.fixture
def built(tmp_path: Path) -> SphinxTestApp:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    (src / "docs/articles/front.md").write_text(ARTICLE, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src)
    app.build()
    yield app
    app.cleanup()


def test_myst_front_matter_settings_work_on_articles(built: SphinxTestApp) -> None:
    page = soup(Path(built.outdir) / "docs/articles/front.html")
    meta = page.find("meta", attrs={"name": "keywords"})
    assert meta is not None and meta["content"] == "immunology, front matter"
    # Per-page MyST settings apply: H2 headings get slug anchors.
    assert page.find("section", id="a-section") is not None


def test_the_title_is_text_never_markup(built: SphinxTestApp) -> None:
    page = soup(Path(built.outdir) / "docs/articles/front.html")
    (heading,) = page.select("article h1")
    assert heading.get_text().rstrip("¶#").strip() == (
        "A *title* with [markup](https://example.org) and {sub}`role`"
    )
    assert heading.find("a", href="https://example.org") is None
    assert heading.find("em") is None
    metadata = built.env.metadata["docs/articles/front"]
    assert metadata["title"] == "A *title* with [markup](https://example.org) and {sub}`role`"
    assert metadata["description"] == "What front matter can do."


def test_warnings_point_at_the_line_in_the_file(built: SphinxTestApp) -> None:
    warnings = warnings_of(built)
    assert "front.md:15: WARNING: Unknown directive type" in warnings, warnings
    # MyST's own complaint about headings that start at H2 never appears: the
    # title is the page's H1.
    assert "Document headings start at H2" not in warnings


def test_the_byline_comes_from_the_front_matter(built: SphinxTestApp) -> None:
    page = soup(Path(built.outdir) / "docs/articles/front.html")
    time = page.select_one("article .kb-byline time")
    assert time is not None and time["datetime"] == "2024-02-03"
    assert time.get_text() == "3 February 2024"
