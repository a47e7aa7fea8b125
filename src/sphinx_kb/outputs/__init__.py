"""Outputs: the HTML site's navigation, root page, search, sitemap and stale pages; the book
and the e-book."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from ..internals import opengraph
    from . import (
        booklet,
        epub,
        latex,
        navigation,
        page_meta,
        redirects,
        root_page,
        search,
        sitemap,
        stale,
    )

    # After sphinx_kb's own builder-inited handler (priority 500) resets the build state.
    app.connect("builder-inited", root_page.move_home, priority=600)
    app.connect("doctree-resolved", navigation.drop_sphinx_relations)
    app.connect("html-page-context", navigation.before_theme, priority=400)
    app.connect("html-page-context", navigation.on_html_page_context, priority=600)
    # After sphinxext-opengraph's handler (500), whose tags it corrects.
    app.connect("html-page-context", page_meta.on_html_page_context, priority=600)
    app.connect("config-inited", page_meta.default_favicon)
    app.connect("config-inited", page_meta.social_cards_off)
    opengraph.import_quietly(app)
    app.connect("build-finished", stale.remove_stale_output)
    app.connect("build-finished", root_page.write_redirect)
    app.connect("build-finished", root_page.sitemap_home, priority=450)
    for module in (booklet, epub, latex, redirects, search, sitemap):
        module.setup(app)
