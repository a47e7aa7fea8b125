"""The home page at ``_build/html/index.html``, at one address.

The home page is ``docs/index`` (only ``docs/`` holds content), which Sphinx would
write to ``docs/index.html``.  It is written to the site's root instead, as a page
of its own: every link Sphinx makes to it (logo, "Home", toctrees, OpenGraph,
canonical URL) goes to the root, and the page's own links, in-page anchors and
furo's SVG icons (``<use href="#svg-menu">``) resolve as on any other page.  The
old address, ``docs/index.html``, becomes a redirect to it, so the home page lives
at one address.
"""

from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..environment.state import kb_state
from ..fileio import write_if_changed
from ..internals.sitemap import item, links_queue

if TYPE_CHECKING:
    from sphinx.application import Sphinx

HOME = "index"
#: The builder methods that name a page's address and its file (Sphinx >= 8.1).
_METHODS = ("get_target_uri", "get_output_path", "get_outfilename")


def _moves_home(app: Sphinx) -> bool:
    """Whether the root document goes to the site's root: the HTML builder, a root
    document in a folder, and no page of the project of its own at ``index``."""
    root = app.config.root_doc
    if app.builder.name != "html" or "/" not in root:
        return False
    if any(not hasattr(app.builder, name) for name in _METHODS):
        return False  # another builder API: leave the home page where Sphinx puts it
    srcdir = Path(app.srcdir)
    return not any((srcdir / f"{HOME}{suffix}").exists() for suffix in app.config.source_suffix)


def move_home(app: Sphinx) -> None:
    """``builder-inited``: the root document's address and file become the site root's.

    The one place that reaches into the builder: its documented ``get_target_uri``
    and its output-path methods are wrapped on this instance, for one docname.
    Sphinx has no setting for a home page outside the root folder (with
    ``root_doc = "docs/index"`` it writes no ``index.html`` at all).
    """
    if not _moves_home(app):
        return
    builder: Any = app.builder
    root = app.config.root_doc

    def rename(docname: str) -> str:
        return HOME if docname == root else docname

    target_uri, output_path, outfilename = (getattr(builder, n) for n in _METHODS)
    builder.get_target_uri = lambda docname, typ=None: target_uri(rename(docname), typ)
    builder.get_output_path = lambda page_name, /: output_path(rename(page_name))
    builder.get_outfilename = lambda pagename: outfilename(rename(pagename))
    kb_state(app).home_moved = True


def sitemap_home(app: Sphinx, exception: Exception | None) -> None:
    """sphinx-sitemap names pages by docname: list the home page at its one address.

    ``build-finished`` between ``sitemap.complete_sitemap`` (400) and
    sphinx-sitemap's writer (500), which reads the same queue."""
    links = links_queue(app)
    if exception is not None or links is None or not kb_state(app).home_moved:
        return
    old = f"{app.config.root_doc}{app.builder.out_suffix}"
    home = app.builder.get_target_uri(app.config.root_doc)
    items = []
    while not links.empty():
        entry = item(links.get())
        if entry is not None:
            items.append(entry)
    for link, modified in sorted((home if link == old else link, m) for link, m in items):
        links.put((link, modified))


def redirect_html(title: str, target: str, canonical: str) -> str:
    """A page that sends readers and search engines on to ``target``."""
    title, target = escape(title, quote=True), escape(target, quote=True)
    link = f'<link rel="canonical" href="{escape(canonical, quote=True)}">\n' if canonical else ""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n{link}"
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n'
        f'<body>\n<main>\n<p><a href="{target}">{title}</a></p>\n</main>\n</body>\n</html>\n'
    )


def write_redirect(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not kb_state(app).home_moved:
        return
    outdir = Path(app.outdir)
    # The home page's old address (bookmarks, links from outside) sends readers on.
    root = app.config.root_doc
    old = f"{root}{app.builder.out_suffix}"
    home = app.builder.get_target_uri(root)
    base = app.config.html_baseurl
    canonical = posixpath.join(base, home) if base else ""
    target = "../" * old.count("/") + home
    title = app.config.html_title or app.config.project
    write_if_changed(outdir / old, redirect_html(title, target, canonical))
