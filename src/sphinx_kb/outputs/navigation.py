"""A sidebar that costs the same on every page, however many articles there are.

Themes render the whole toctree into every page, which makes a build grow with the
square of the article count.  Before the theme asks for it, ``context["toctree"]``
is replaced by a small tree: the sections, and around the current page its
year and its neighbours by date.  Previous/next links follow dates too, so they
are computed from the catalog and kept right by the listing digests.
"""

from __future__ import annotations

from html import escape, unescape
from typing import TYPE_CHECKING, Any

from sphinx.errors import NoUri

from ..environment.state import kb_state
from ..internals import fast_paths, furo
from ..internals.sphinx import relations
from ..listings.catalog import catalog_for

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


def _text(text: str) -> str:
    """Text as furo's BeautifulSoup pass writes it: only ``&``, ``<``, ``>`` escaped."""
    return escape(text, quote=False)


def _attribute(text: str) -> str:
    """An attribute value, quoted as BeautifulSoup quotes it."""
    value = escape(text, quote=False)
    if '"' not in value:
        return f'"{value}"'
    return f"'{value}'" if "'" not in value else '"' + value.replace('"', "&quot;") + '"'


class _Tree:
    """Writes the sidebar in the form furo's own post-processing would give it
    (``internals.furo``), or ``plain``: as Sphinx's toctree would, for another theme
    or for furo's own post-processing.

    Furo parses the toctree HTML of every page with BeautifulSoup to add its
    collapse checkboxes; writing them directly saves that parse on every page.
    """

    #: Stands for a checkbox's number until ``numbered``: children are written before
    #: their parent, and furo numbers the boxes in document order.
    BOX = "\x00kb-box\x00"

    def __init__(self, *, plain: bool = False) -> None:
        self.plain = plain

    def numbered(self, html: str) -> str:
        parts = html.split(self.BOX)  # three marks per box: id, name, label
        return parts[0] + "".join(f"{index // 3 + 1}{part}" for index, part in enumerate(parts[1:]))

    def item(
        self,
        level: int,
        uri: str,
        title_html: str,
        current: bool,
        children: str = "",
        *,
        current_page: bool = False,
    ) -> str:
        classes = [f"toctree-l{level}"]
        if current:
            classes.append("current")
        if children:
            classes.append("has-children")
        if current_page:
            classes.append("current-page")
        anchor_class = "reference internal" + (" current" if current else "")
        extra = ""
        if self.plain:
            classes = [c for c in classes if c not in ("has-children", "current-page")]
            extra = f"<ul>{children}</ul>" if children else ""
        elif children:
            box = f"toctree-checkbox-{self.BOX}"
            label = _attribute(f"Toggle navigation of {unescape(title_html)}")
            checked = ' checked=""' if current else ""
            extra = (
                f'<input aria-label={label}{checked} class="toctree-checkbox" id="{box}" '
                f'name="{box}" type="checkbox"/><label for="{box}">'
                '<span class="icon"><svg><use href="#svg-arrow-right"></use></svg></span>'
                f"</label><ul>{children}</ul>"
            )
        return (
            f'<li class="{" ".join(classes)}"><a class="{anchor_class}" '
            f"href={_attribute(uri)}>{title_html}</a>{extra}</li>"
        )


def navigation_html(app: Sphinx, pagename: str, title_html: str) -> str:
    """The sidebar of ``pagename``: furo's markup with furo, Sphinx's with other themes."""
    with_furo = furo.is_furo(app.config.html_theme)
    fast = with_furo and fast_paths(app) and furo.markup_matches(sample_tree)
    tree = _Tree(plain=not fast)
    items = tree.numbered(_items(app, pagename, title_html, tree))
    if with_furo and not fast:
        items = furo.furo_markup(items) or items
    # A landmark named by its heading; the heading has a level (furo's caption has none).
    return (
        '<nav aria-labelledby="kb-nav-caption"><p class="caption" role="heading" '
        'aria-level="2" id="kb-nav-caption"><span class="caption-text">Browse</span></p>'
        f"{items}</nav>"
    )


def sample_tree(plain: bool) -> str:
    """A small sidebar in both forms, to check the furo markup against furo's own."""
    tree = _Tree(plain=plain)
    leaf = _text("The Body's & <article>")
    leaves = tree.item(3, "a.html", leaf, True, current_page=True)
    leaves += tree.item(3, "b.html", "Another", False)
    year = tree.item(2, "2024.html", "2024", True, leaves)
    closed = tree.item(2, "2023.html", "2023", False, tree.item(3, "c.html", "Older", False))
    section = _text('Archive "&" more')
    latest = tree.item(1, "latest.html", "Latest articles", False)
    archive = tree.item(1, "archive.html?a=1&b=2", section, True, year + closed)
    return tree.numbered(f"<ul>{latest}{archive}{tree.item(1, 'tags.html', 'Tags', False)}</ul>")


def _items(app: Sphinx, pagename: str, title_html: str, tree: _Tree) -> str:
    config = kb_state(app).config
    catalog = catalog_for(app)
    section_of = ""
    leaves = ""
    year_item: tuple[str, str] | None = None
    if pagename in catalog.position:
        section_of = f"{config.archive_dir}/index"
        record = catalog.articles[catalog.position[pagename]]
        year = record.date[:4] or "undated"
        around = catalog.neighbours(pagename, 2, 2)
        # Listed under the year: only that year's articles (dates are in order, so
        # the same-year neighbours are the window's middle run).
        window = [
            r
            for r in (*around["newer"], record, *around["older"])
            if (r.date[:4] or "undated") == year
        ]
        leaves = "".join(
            tree.item(
                3,
                _uri(app, pagename, r.docname) or "#",
                _text(r.title),
                r.docname == pagename,
                current_page=r.docname == pagename,
            )
            for r in window
        )
        year_uri = _uri(app, pagename, f"{config.archive_dir}/{year}")
        if year_uri:
            year_item = (year_uri, _text(year))
    elif pagename not in {doc for _label, doc in sections(app)}:
        # A page of a section's folder (a year, a tag) is shown under that section;
        # a section's own page ("Latest articles") is not listed a second time.
        for _label, doc in sections(app):
            folder = doc.rsplit("/", 1)[0] + "/"
            if doc.endswith("/index") and pagename.startswith(folder):
                section_of = doc
    items = []
    for label, doc in sections(app):
        uri = _uri(app, pagename, doc)
        if uri is None:
            continue
        children = ""
        if doc == section_of:
            if year_item is not None:
                children = tree.item(2, year_item[0], year_item[1], True, leaves)
            elif leaves:
                children = leaves
            else:
                children = tree.item(2, "#", title_html, True, current_page=True)
        current = doc in (pagename, section_of)
        items.append(
            tree.item(1, uri, _text(label), current, children, current_page=doc == pagename)
        )
    return f"<ul>{''.join(items)}</ul>"


def drop_sphinx_relations(app: Sphinx, doctree: Any, docname: str) -> None:
    """Sphinx renders the titles of every page's previous, next and parent pages
    (three to five ``render_partial`` calls, a large part of writing an article) for
    context that ``on_html_page_context`` replaces with date order, and that the
    theme never shows (furo shows no parents).  The builder's relations are made
    when writing starts; they are emptied before the first page is written, so
    ``get_doc_context`` renders none of them."""
    found = relations(app.builder)
    if found and fast_paths(app):
        found.clear()


def before_theme(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Runs before the theme: hide the toctree so the theme does not render it."""
    context.pop("toctree", None)


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Runs after the theme: our navigation, and date-ordered previous/next links."""
    html = navigation_html(app, pagename, context.get("title", ""))
    context["toctree"] = lambda **_kwargs: html
    context[furo.CONTEXT_KEY] = html
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
