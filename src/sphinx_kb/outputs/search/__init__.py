"""Search with the site's own index: scored at build time, cut in small files by word.

Sphinx's search downloads and parses the whole index before the first result (it
grows with the site) and ranks as a reference manual does; Pagefind, tried first,
scores every matching page in the reader's browser, seconds on a phone at 10,000
pages (benchmarks/README.md, "Search benchmark").  Here:

* ``pages``: which pages are results (articles, other content pages) and the
  wrapper around their bodies that carries what a result shows (title, date, kind,
  tags);
* ``terms``: glossary entries as results of their own;
* ``extract``: a written page's fields and weighted words;
* ``engine``: the words scored (BM25, title words counting most), the bundle's files;
* ``index``: the index made once at ``build-finished`` (HTML and dirhtml builders),
  skipped when no searchable page changed, swapped in whole;
* the search page (``templates/search.html`` with ``static/kb-search.js`` and
  ``static/kb-search-engine.js``): results as you type, tag facets, dates and tags in
  each result, a polite live region announcing the count; ``search.html?q=...`` as
  before.

The HTML builders' own indexer is switched off (``Builder.search``, the attribute
Sphinx's EPUB and help builders use for the same), so no ``searchindex.js`` is
written and no page is indexed twice; the search page is then added here, as
Sphinx only writes it for builders with its own search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .pages import BUILDERS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx


def on_builder_inited(app: Sphinx) -> None:
    if app.builder.name in BUILDERS:
        app.builder.search = False  # type: ignore[attr-defined]


def on_html_collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if app.builder.name in BUILDERS:
        yield "search", {}, "search.html"


def setup(app: Sphinx) -> None:
    from . import index, pages

    app.connect("builder-inited", on_builder_inited)
    app.connect("html-collect-pages", on_html_collect_pages)
    app.connect("html-page-context", pages.on_html_page_context)
    app.connect("build-finished", index.on_build_finished)
    app.add_css_file("kb-search.css")
