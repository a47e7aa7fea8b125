"""Doctrees are not all held in memory between reading and writing, and the collector
skips what outlives reading (memory.py)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import pytest
from kbtest import page

from sphinx_kb import memory


def build_seeing_write_phase(app, probe: Callable[[Any], Any]) -> list[Any]:
    """Build, recording ``probe(env)`` after every env-updated handler: what Sphinx
    carries from reading into writing."""
    seen: list[Any] = []
    app.connect("env-updated", lambda app, env: seen.append(probe(env)), priority=999)
    app.build()
    return seen


def cached_doctrees(env) -> int:
    return len(env._write_doc_doctree_cache)


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_doctrees_are_not_kept_between_phases(app) -> None:
    assert build_seeing_write_phase(app, cached_doctrees) == [0]
    # Every page was still written, from the pickled doctrees.
    seed = page(app, "docs/articles/seed")
    assert seed.find("h1").get_text().startswith("What is Immunotherapy")
    assert seed.select(".kb-related a, .kb-byline time")


@pytest.mark.sphinx(
    "html", testroot="kb", freshenv=True, confoverrides={"extensions": ["myst_parser"]}
)
def test_plain_sphinx_would_keep_them(app) -> None:
    # The control: without sphinx_kb, Sphinx carries every doctree read into writing.
    held = build_seeing_write_phase(app, cached_doctrees)
    assert held and held[0] == len(app.env.found_docs)


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_what_outlives_reading_is_frozen_then_thawed(app, monkeypatch) -> None:
    # A small site counts as large: freeze after every page.
    monkeypatch.setattr(memory, "FREEZE_EVERY", 1)
    frozen = build_seeing_write_phase(app, lambda env: gc.get_freeze_count())
    # Frozen while pages were written, so full collections skip the environment ...
    assert frozen and frozen[0] > 0
    # ... and thawed at the end: the next build (or anything else) starts as usual.
    assert gc.get_freeze_count() == 0


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_small_builds_leave_the_collector_alone(app) -> None:
    frozen = build_seeing_write_phase(app, lambda env: gc.get_freeze_count())
    # Fewer pages than FREEZE_EVERY: no full collection is spent on freezing.
    assert frozen == [0]


@pytest.mark.sphinx("html", testroot="kb", freshenv=True)
def test_generated_pages_are_read_after_the_articles(app) -> None:
    order: list[str] = []
    app.connect("doctree-read", lambda app, doctree: order.append(app.env.docname))
    app.build()
    articles = [i for i, d in enumerate(order) if d.startswith("docs/articles/")]
    listings = [i for i, d in enumerate(order) if d.startswith(("docs/archive/", "docs/tags/"))]
    # Year pages hold the articles' toctrees; read first, they made every later read
    # rescan them (quadratic on large sites).
    assert articles and listings and max(articles) < min(listings)
