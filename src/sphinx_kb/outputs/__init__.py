"""Outputs: the HTML site's navigation, root page, search, sitemap and stale pages; the book
and the e-book."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from . import booklet, epub, latex, navigation, redirects, root_page, search, sitemap, stale

    app.connect("doctree-resolved", navigation.drop_sphinx_relations)
    app.connect("html-page-context", navigation.before_theme, priority=400)
    app.connect("html-page-context", navigation.on_html_page_context, priority=600)
    app.connect("build-finished", stale.remove_stale_output)
    app.connect("build-finished", root_page.write_root_page)
    for module in (booklet, epub, latex, redirects, search, sitemap):
        module.setup(app)
