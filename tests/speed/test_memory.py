"""Doctrees are not all held in memory between reading and writing, and the collector
skips what outlives reading (memory.py)."""

from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from kbtest import ROOTS, copy_project, page
from sphinx.testing.util import SphinxTestApp

from sphinx_kb.speed import memory


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
def test_small_builds_leave_the_collector_alone(app, monkeypatch) -> None:
    collections: list[int] = []
    real_collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *a: collections.append(1) or real_collect(*a))
    app.build()
    # Fewer pages than FREEZE_EVERY: no full collection is spent on freezing.
    assert collections == []


def test_the_saved_environment_is_loaded_without_the_collector(tmp_path, monkeypatch) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    first = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    first.build()
    first.cleanup()
    enabled_while_loading: list[bool] = []
    real_load = pickle.load

    def load(file, *args, **kwargs):
        if str(getattr(file, "name", "")).endswith("environment.pickle"):
            enabled_while_loading.append(gc.isenabled())
        return real_load(file, *args, **kwargs)

    monkeypatch.setattr(pickle, "load", load)
    second = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        # Loaded with the collector paused; running again once the builder exists,
        # with what was loaded frozen (no collection spent on it).
        assert enabled_while_loading == [False]
        assert gc.isenabled() and gc.get_freeze_count() > 0
        second.build()
    finally:
        second.cleanup()
    assert gc.get_freeze_count() == 0


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


@pytest.mark.sphinx("html", testroot="kb", freshenv=True, parallel=2)
def test_parallel_builds_collect_less_often_in_the_main_process(app, monkeypatch) -> None:
    monkeypatch.setattr(memory, "FREEZE_EVERY", 1)
    seen = build_seeing_write_phase(app, lambda env: (gc.get_threshold(), gc.get_freeze_count()))
    ((thresholds, frozen),) = seen
    # Undone at the build's end (the thresholds were raised when the builder was made):
    usual = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    # Full collections were rarer while the main process merged and resolved ...
    assert thresholds == (*usual[:2], usual[2] * memory.PARALLEL_FULL_EVERY)
    # ... and what outlived the (large) read was frozen once, as in a serial build.
    assert frozen > 0


@pytest.mark.sphinx("html", testroot="kb", freshenv=True, parallel=2)
def test_parallel_readers_freeze_their_inherited_heap(app, tmp_path) -> None:
    record = tmp_path / "readers.txt"

    def note(app, doctree) -> None:
        with record.open("a") as out:
            out.write(f"{os.getpid()} {gc.get_freeze_count()} {gc.get_threshold()[2]}\n")

    app.connect("doctree-read", note)
    app.build()
    default_full = gc.get_threshold()[2]  # restored at the build's end
    rows = [line.split() for line in record.read_text().splitlines()]
    readers = {row[0] for row in rows}
    # Read in forked workers, not here ...
    assert rows and str(os.getpid()) not in readers
    # ... each with its copy of this process's heap frozen, and the usual thresholds.
    assert all(int(frozen) > 0 and int(full) == default_full for _, frozen, full in rows)


def test_exit_skips_the_final_collection(tmp_path) -> None:
    # A real sphinx-build process: at exit, after sphinx_kb's atexit hook (atexit runs
    # the last registered first), everything left is frozen, so the interpreter's
    # final collection has nothing to free one by one.
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count()))\n"
        "from sphinx.cmd.build import build_main\n"
        f"sys.exit(build_main(['-q', '-b', 'html', {str(src)!r}, {str(tmp_path / 'out')!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "docs" / "glossary.html").exists()
    frozen = int(done.stdout.split("frozen at exit:")[1])
    assert frozen > 10_000


@pytest.mark.sphinx("html", testroot="kb", freshenv=True, parallel=2)
def test_parallel_merges_are_collected_then_frozen(app, monkeypatch) -> None:
    # A small site counts as large.  Sphinx forks the next reader right after a
    # merge: the merged copy of the environment is collected, the rest frozen, so
    # later merges no longer rescan what was merged before.
    monkeypatch.setattr(memory, "FREEZE_EVERY", 1)
    frozen_at_merge: list[int] = []
    app.connect(
        "env-merge-info",
        lambda app, env, docnames, other: frozen_at_merge.append(gc.get_freeze_count()),
    )
    app.build()
    # Every merge found the heap frozen by the forks before it.
    assert len(frozen_at_merge) >= 2 and all(count > 0 for count in frozen_at_merge)
    assert gc.get_freeze_count() == 0
