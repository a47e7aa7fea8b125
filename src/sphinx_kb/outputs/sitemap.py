"""sphinx-sitemap's ``sitemap.xml``, the same whatever the build: clean or
incremental, ``-j 1`` or ``-j N``.

sphinx-sitemap lists the pages written by this build, in the order they were
written: an incremental build's sitemap holds only the pages it rewrote
(jdillard/sphinx-sitemap#13), and with several writers the order changes from
build to build.  Just before it writes the file, the links are put in order and
those of pages this build did not rewrite are added back: every page that still
exists, with what the last build's list (``kb-sitemap.json`` in the doctree
folder) recorded about it.  Only the site's documents are listed, never
generated pages such as ``genindex.html`` or ``search.html``.
"""

from __future__ import annotations

import json
import queue
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..fileio import read_json_object, write_if_changed
from ..internals.sitemap import item, links_queue

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LINKS_FILE = "kb-sitemap.json"
BUILDERS = frozenset({"html", "dirhtml"})

Link = tuple[str, str | None]  # (link, last modified), as sphinx-sitemap queues them


def page_link(docname: str, *, directories: bool, suffix: str) -> str:
    """The link sphinx-sitemap records for a page (its ``add_html_link``)."""
    if not directories:
        return docname + suffix
    if docname == "index":
        return ""
    return docname[: -len("index")] if docname.endswith("/index") else docname + "/"


def _drain(links: Any) -> list[Link]:
    found: list[Link] = []
    while True:
        try:
            entry = item(links.get_nowait())
        except queue.Empty:
            return found
        if entry is not None:
            found.append(entry)


def complete_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    links = links_queue(app)
    if links is None or exception is not None or app.builder.name not in BUILDERS:
        return
    written = dict(_drain(links))
    path = Path(app.doctreedir) / LINKS_FILE
    suffix = app.config.html_file_suffix or ".html"
    directories = app.builder.name == "dirhtml"
    existing = {page_link(d, directories=directories, suffix=suffix) for d in app.env.found_docs}
    excludes = list(getattr(app.config, "sitemap_excludes", None) or [])
    # Every page that exists is listed, even when the last build's list is lost or
    # damaged; that list only gives back what it knew about pages not written now.
    known = read_json_object(path)
    every = {
        link: known[link] if isinstance(known.get(link), str) else None
        for link in sorted(existing)
        if not any(fnmatch(link, p) for p in excludes)
    }
    # Only documents are listed: pages the builder makes up (genindex, search,
    # module indexes) are not content a search engine should send readers to.
    every.update((link, mod) for link, mod in written.items() if link in every)
    ordered = sorted(every.items())  # links are unique: ordered by link
    write_if_changed(path, json.dumps(dict(ordered), ensure_ascii=False))
    for entry in ordered:
        links.put(entry)


def setup(app: Sphinx) -> None:
    app.connect("build-finished", complete_sitemap, priority=400)  # sphinx-sitemap's: 500
