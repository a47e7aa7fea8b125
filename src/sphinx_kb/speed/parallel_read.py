"""What the readers of a parallel build (``-j``) send back.

Sphinx reads a parallel build in forked processes, one batch of pages each; a
reader pickles its whole environment when its batch is read, and the main process
unpickles it and merges the batch's pages.  But a reader's environment also holds
what the main process had when it forked: every page merged before.  So the main
process unpickled the site over and over, and was busy for most of the read.

A reader therefore drops, as soon as it is forked, the per-page data it inherited:
titles, tables of contents, metadata (together three quarters of the environment)
and sphinx-kb's own page records.  Nothing is lost: the merge takes only the
batch's pages (``merge_info_from``, every collector's ``merge_other`` and every
domain's ``merge_domaindata`` are given the batch's docnames), and reading a page
only uses that page's data.  (Measurements: benchmarks/README.md, "Why speed/ exists".)
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..environment.domain import get_domain
from ..internals import fast_paths
from ..internals.sphinx import per_page_tables

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The environment being read in parallel (main process, between the two events).
_reading: list[BuildEnvironment] = []


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _reading.clear()
    if app.parallel > 1 and fast_paths(app):
        _reading.append(env)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    _reading.clear()


def reading() -> bool:
    """Whether this process is the main process of a parallel read, now."""
    return bool(_reading)


def forget_inherited_pages(env: BuildEnvironment) -> None:
    """In a reader just forked: drop every page's data; the pages it reads are
    purged before forking, so none of theirs is here yet."""
    tables = per_page_tables(env)
    if tables is None:
        return  # another shape: keep everything, as Sphinx does
    for table in tables:
        table.clear()
    get_domain(env).forget_pages()


def _after_fork_in_child() -> None:
    if _reading:
        forget_inherited_pages(_reading[0])
        _reading.clear()


_HOOKED: list[bool] = []


def setup(app: Sphinx) -> None:
    if not _HOOKED:  # once per process, however many applications it makes
        _HOOKED.append(True)
        os.register_at_fork(after_in_child=_after_fork_in_child)
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("env-updated", on_env_updated)
