"""sphinx-sitemap's queue of links.

sphinx-sitemap (2.7 and later; 2.7.2 is the lowest supported) puts ``(link, last modified)`` on
``app.sitemap_links`` (a ``multiprocessing`` queue) as pages are written, and
writes ``sitemap.xml`` from it at ``build-finished``.  ``outputs.sitemap`` completes
it first with the pages an incremental build did not rewrite
(jdillard/sphinx-sitemap#13).  ``links_queue`` gives the queue only when it has the
methods used; ``item`` reads one entry whatever its shape (a bare link, as before
2.7, has no date).  Remove when sphinx-sitemap lists every page itself.
"""

from __future__ import annotations

from typing import Any


def links_queue(app: Any) -> Any | None:
    queue = getattr(app, "sitemap_links", None)
    needed = ("get_nowait", "put", "empty", "get")
    return queue if all(callable(getattr(queue, n, None)) for n in needed) else None


def item(entry: Any) -> tuple[str, str | None] | None:
    """``(link, last modified)`` from one queued entry; None for a shape not known."""
    if isinstance(entry, str):
        return entry, None
    if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str):
        return entry[0], entry[1] if isinstance(entry[1], str) else None
    return None
