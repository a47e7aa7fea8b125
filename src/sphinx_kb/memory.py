"""Peak memory and the garbage collector on large builds.

* A serial Sphinx build keeps each doctree it reads in
  ``env._write_doc_doctree_cache`` until the page is written, so the read phase
  ends holding every page of the site at once (docutils nodes: a dict and five
  lists each): half the peak memory of a 1,000-article build.  The doctrees are
  pickled to the doctree folder as they are read, so the cache is dropped and each
  page is unpickled when it is written, as a parallel build (``-j``) always does.
* What a build keeps (the environment while reading, the search index while
  writing) grows with the site, and Python's collector rescans all of it at every
  full collection, which the churn of parsing and writing pages triggers every
  few dozen pages: quadratic, 24 s of a 5,000-article build.  So every
  ``FREEZE_EVERY`` pages, and when a large read is done, the garbage is collected and
  what survives is frozen (``gc.freeze``: kept, never rescanned).  The build's
  end thaws it.  A process whose collector is already frozen or disabled by
  someone else is left alone, and so are parallel builds.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Pages read or written between two freezes: each freeze costs one collection of
#: what was made since the last one.
FREEZE_EVERY = 400


@dataclass
class _Collector:
    active: bool = False
    frozen: bool = False
    pages: int = 0

    def freeze(self) -> None:
        gc.collect()  # garbage is freed, not frozen
        gc.freeze()
        self.frozen = True

    def page_done(self) -> None:
        self.pages += 1
        if self.active and self.pages % FREEZE_EVERY == 0:
            self.freeze()


_COLLECTOR = _Collector()


def drop_doctree_cache(env: BuildEnvironment) -> None:
    cache = getattr(env, "_write_doc_doctree_cache", None)
    if isinstance(cache, dict):
        cache.clear()


def on_builder_inited(app: Sphinx) -> None:
    # Not with -j: pages are read in workers, and a freeze in the writing parent
    # keeps the batch of doctrees it holds (+40 % peak memory, no time saved).
    _COLLECTOR.active = app.parallel <= 1 and gc.isenabled() and not gc.get_freeze_count()
    _COLLECTOR.pages = 0


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    # Sphinx caches a doctree after this event, so this drops the pages read before.
    drop_doctree_cache(app.env)
    _COLLECTOR.page_done()


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    drop_doctree_cache(env)  # the last page read
    # After a large read only: a no-op or one-page rebuild would pay a full
    # collection of the whole environment for nothing.
    if _COLLECTOR.active and _COLLECTOR.pages >= FREEZE_EVERY:
        _COLLECTOR.freeze()


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    _COLLECTOR.page_done()


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if _COLLECTOR.frozen:
        gc.unfreeze()
    _COLLECTOR.active = _COLLECTOR.frozen = False


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", on_builder_inited)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-updated", on_env_updated, priority=900)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("build-finished", on_build_finished)
