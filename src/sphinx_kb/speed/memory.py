"""Peak memory and the garbage collector on large builds.

* A serial Sphinx build keeps each doctree it reads in
  ``env._write_doc_doctree_cache`` until the page is written, so the read phase
  ends holding every page of the site at once (docutils nodes: a dict and five
  lists each): much of the peak memory of a large build.  The doctrees are
  pickled to the doctree folder as they are read, so the cache is dropped and each
  page is unpickled when it is written, as a parallel build (``-j``) always does.
* What a build keeps (the environment while reading, the search index while
  writing) grows with the site, and Python's collector rescans all of it at every
  full collection, which the churn of parsing and writing pages triggers every
  few dozen pages: quadratic in the site's size.  So every
  ``FREEZE_EVERY`` pages, and when a large read is done, the garbage is collected and
  what survives is frozen (``gc.freeze``: kept, never rescanned).  The build's
  end thaws it.  A process whose collector is already frozen or disabled by
  someone else is left alone.
* A parallel build (``-j``) reads in forked workers whose environments the main
  process unpickles and merges; its full collections rescanned the merged
  environment and each copy, a large part of a parallel read.
  So right after each merge, when Sphinx forks the next reader, the main process
  collects the copy just merged and freezes the rest.  While writing it freezes
  nothing (it always holds batches of resolved doctrees waiting for the writer,
  which a freeze would keep for good) and runs full collections
  ``PARALLEL_FULL_EVERY`` times less often instead.  Workers never free the heap
  they are forked with: they freeze it at once and collect with the usual thresholds.
* Sphinx unpickles the saved environment with the collector running, which
  rescans the objects being made several times over.  So the collector is paused from
  ``config-inited`` to ``builder-inited``, around that load, and what was loaded
  is frozen without a collection.
* At exit the interpreter's last collection would free every object of the build
  one by one, the longest part of a no-op build; the operating system frees
  the process's memory at once, so everything left is frozen instead.

The measurements behind each point are in benchmarks/README.md ("Why speed/ exists").
"""

from __future__ import annotations

import atexit
import gc
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..internals import fast_paths
from ..internals.sphinx import doctree_cache
from . import parallel_read as parallel

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Pages read or written between two freezes: each freeze costs one collection of
#: what was made since the last one.
FREEZE_EVERY = 400
#: With -j, the main process's full collections are this many times rarer.
PARALLEL_FULL_EVERY = 10


@dataclass
class _Collector:
    active: bool = False
    periodic: bool = False
    frozen: bool = False
    pages: int = 0
    to_read: int = 0
    #: The collector is paused while Sphinx loads the saved environment.
    loading: bool = False
    #: The thresholds to restore (at the build's end, and in forked workers).
    thresholds: tuple[int, ...] | None = None

    def freeze(self) -> None:
        gc.collect()  # garbage is freed, not frozen
        gc.freeze()
        self.frozen = True

    def page_done(self) -> None:
        self.pages += 1
        if self.periodic and self.pages % FREEZE_EVERY == 0:
            self.freeze()


_COLLECTOR = _Collector()


def drop_doctree_cache(env: BuildEnvironment) -> None:
    cache = doctree_cache(env)
    if cache is not None:
        cache.clear()


def on_config_inited(app: Sphinx, config: Any) -> None:
    # Next, Sphinx loads the pickled environment.
    if gc.isenabled() and not gc.get_freeze_count():
        gc.disable()
        _COLLECTOR.loading = True


def on_builder_inited(app: Sphinx) -> None:
    if _COLLECTOR.loading:
        gc.enable()
        _COLLECTOR.loading = False
        _COLLECTOR.active = True
        gc.freeze()  # the loaded environment lives on; no collection spent on it
        _COLLECTOR.frozen = True
    else:
        _COLLECTOR.active = gc.isenabled() and not gc.get_freeze_count()
    # Not every FREEZE_EVERY pages with -j: the writing parent always holds a batch
    # of doctrees for the next worker, and a freeze would keep it for good.
    _COLLECTOR.periodic = _COLLECTOR.active and app.parallel <= 1
    _COLLECTOR.pages = _COLLECTOR.to_read = 0
    if _COLLECTOR.active and app.parallel > 1 and _COLLECTOR.thresholds is None:
        young, middle, full = _COLLECTOR.thresholds = gc.get_threshold()
        gc.set_threshold(young, middle, full * PARALLEL_FULL_EVERY)


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    # Counted here, not per doctree-read: with -j pages are read in the workers.
    _COLLECTOR.to_read = len(docnames)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    # Sphinx caches a doctree after this event, so this drops the pages read before.
    if fast_paths(app):
        drop_doctree_cache(app.env)
    _COLLECTOR.page_done()


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    if fast_paths(app):
        drop_doctree_cache(env)  # the last page read
    # After a large read only: a no-op or one-page rebuild would pay a full
    # collection of the whole environment for nothing.
    if _COLLECTOR.active and _COLLECTOR.to_read >= FREEZE_EVERY:
        _COLLECTOR.freeze()


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    _COLLECTOR.page_done()


def _restore_thresholds() -> None:
    if _COLLECTOR.thresholds is not None:
        gc.set_threshold(*_COLLECTOR.thresholds)
        _COLLECTOR.thresholds = None


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if _COLLECTOR.frozen:
        gc.unfreeze()
    _restore_thresholds()
    _COLLECTOR.active = _COLLECTOR.periodic = _COLLECTOR.frozen = False


def _before_fork() -> None:
    # Sphinx forks the next reader right after merging a finished one's environment,
    # which is now garbage: collected here, and what lives on is frozen.
    if _COLLECTOR.active and _COLLECTOR.to_read >= FREEZE_EVERY and parallel.reading():
        _COLLECTOR.freeze()


def _after_fork_in_child() -> None:
    # A -j worker starts with a copy of its parent's heap and never frees any of it:
    # frozen, the worker's collections skip it (and do not copy its pages on write).
    if _COLLECTOR.active:
        gc.freeze()
        _restore_thresholds()


def _skip_final_collection() -> None:
    # Nothing is lost: files and logs are closed and flushed explicitly, and the
    # other atexit handlers still run.
    gc.freeze()


_HOOKED: list[bool] = []


def setup(app: Sphinx) -> None:
    if not _HOOKED:  # once per process, however many applications it makes
        _HOOKED.append(True)
        os.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)
        atexit.register(_skip_final_collection)
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited, priority=100)
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-updated", on_env_updated, priority=900)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("build-finished", on_build_finished)
