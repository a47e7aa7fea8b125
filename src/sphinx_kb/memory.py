"""Peak memory: do not keep every doctree in memory between reading and writing.

A serial Sphinx build keeps each doctree it reads in ``env._write_doc_doctree_cache``
until the page is written, so the read phase ends holding every page of the site
at once (docutils nodes: a dict and five lists each).  That was half the peak
memory of a 1,000-article build, and Python's collector scanned all of it, many
times over, while pages were written.  The doctrees are pickled to the doctree
folder as they are read, so the cache is dropped and each page is unpickled when
it is written, as a parallel build (``-j``) always does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def drop_doctree_cache(env: BuildEnvironment) -> None:
    cache = getattr(env, "_write_doc_doctree_cache", None)
    if isinstance(cache, dict):
        cache.clear()


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    # Sphinx caches a doctree after this event, so this drops the pages read before.
    drop_doctree_cache(app.env)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    drop_doctree_cache(env)  # the last page read


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-updated", on_env_updated, priority=900)
