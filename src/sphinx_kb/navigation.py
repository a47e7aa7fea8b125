"""A sidebar that costs the same on every page, however many articles there are.

Themes render the whole toctree into every page, which makes a build grow with the
square of the article count.  Before the theme asks for it, ``context["toctree"]``
is replaced by a small tree: the sections, and around the current page its
year and its neighbours by date.  Previous/next links follow dates too, so they
are computed from the catalog and kept right by the listing digests.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from sphinx.errors import NoUri

from .listings import catalog_for
from .state import kb_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def sections(app: Sphinx) -> list[tuple[str, str]]:
    config = kb_state(app).config
    return [
        ("Latest articles", f"{config.archive_dir}/latest"),
        ("Archive", f"{config.archive_dir}/index"),
        ("Tags", f"{config.tags_dir}/index"),
        ("Glossary", config.glossary_doc),
    ]


def _uri(app: Sphinx, pagename: str, target: str) -> str | None:
    if target not in app.env.all_docs:
        return None
    try:
        return app.builder.get_relative_uri(pagename, target)
    except NoUri:
        return None


def _item(level: int, uri: str, title_html: str, current: bool, children: str = "") -> str:
    classes = f"toctree-l{level}" + (" current" if current else "")
    anchor_class = "reference internal" + (" current" if current else "")
    inner = f"<ul>{children}</ul>" if children else ""
    return (
        f'<li class="{classes}"><a class="{anchor_class}" href="{escape(uri)}">'
        f"{title_html}</a>{inner}</li>"
    )


def navigation_html(app: Sphinx, pagename: str, title_html: str) -> str:
    config = kb_state(app).config
    catalog = catalog_for(app)
    section_of = ""
    children = ""
    if pagename in catalog.position:
        section_of = f"{config.archive_dir}/index"
        record = catalog.articles[catalog.position[pagename]]
        around = catalog.neighbours(pagename, 2, 2)
        window = [*around["newer"], record, *around["older"]]
        leaves = "".join(
            _item(3, _uri(app, pagename, r.docname) or "#", escape(r.title), r.docname == pagename)
            for r in window
        )
        year = record.date[:4] or "undated"
        year_doc = f"{config.archive_dir}/{year}"
        year_uri = _uri(app, pagename, year_doc)
        children = _item(2, year_uri, escape(year), True, leaves) if year_uri else leaves
    else:
        for _label, doc in sections(app):
            folder = doc.rsplit("/", 1)[0] + "/"
            if pagename != doc and doc.endswith("/index") and pagename.startswith(folder):
                section_of = doc
                children = _item(2, "#", title_html, True)
    items = []
    for label, doc in sections(app):
        uri = _uri(app, pagename, doc)
        if uri is None:
            continue
        current = doc in (pagename, section_of)
        items.append(_item(1, uri, escape(label), current, children if doc == section_of else ""))
    return (
        f'<p class="caption" role="heading"><span class="caption-text">Browse</span></p>'
        f"<ul>{''.join(items)}</ul>"
    )


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if "toctree" in context:
        title_html = context.get("title", "")

        def toctree(**_kwargs: Any) -> str:
            return navigation_html(app, pagename, title_html)

        context["toctree"] = toctree
    catalog = catalog_for(app)
    # Sphinx's own prev/next follow toctree order and go stale on incremental
    # builds; articles use date order from the catalog instead.
    context["prev"] = context["next"] = None
    if pagename in catalog.position:
        around = catalog.neighbours(pagename, 1, 1)
        for key, records in (("prev", around["older"]), ("next", around["newer"])):
            if records:
                uri = _uri(app, pagename, records[0].docname)
                if uri:
                    context[key] = {"link": uri, "title": escape(records[0].title)}
