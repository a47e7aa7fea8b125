"""Listings: generated tag and archive pages, listing directives, related articles, the feed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from ..node_handlers import SKIP, handlers
    from . import directives, feed, generate

    app.add_node(directives.kb_listing, **handlers(SKIP))
    app.add_directive("article-list", directives.ArticleListDirective)
    app.add_directive("kb-tag-page", directives.TagPageDirective)
    app.add_directive("kb-tag-overview", directives.TagOverviewDirective)
    app.add_directive("kb-tag-cloud", directives.TagCloudDirective)
    app.add_directive("kb-archive", directives.ArchiveDirective)
    app.add_directive("kb-archive-month", directives.ArchiveMonthDirective)
    app.connect("config-inited", generate.leave_out_unreadable)
    app.connect("builder-inited", generate.generate_sources)
    app.connect("env-before-read-docs", generate.read_generated_last)
    app.connect("doctree-resolved", directives.on_doctree_resolved)
    app.connect("build-finished", feed.on_build_finished)
    app.connect("html-page-context", feed.on_html_page_context)
