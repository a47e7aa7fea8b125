"""Listings: generated tag and archive pages, listing directives, related articles, the feed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from . import directives, feed, generate, resolve

    for name, directive in directives.DIRECTIVES.items():
        app.add_directive(name, directive)
    app.connect("config-inited", generate.leave_out_unreadable)
    app.connect("builder-inited", generate.generate_sources)
    app.connect("env-before-read-docs", generate.read_generated_last)
    app.connect("doctree-resolved", resolve.on_doctree_resolved)
    app.connect("build-finished", feed.on_build_finished)
    app.connect("html-page-context", feed.on_html_page_context)
