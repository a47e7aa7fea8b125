"""The knowledge base as a printed book (LaTeX builder only).

Sphinx assembles the book from the home page's toctree into one doctree and
emits ``doctree-resolved`` once for it.  Here that tree is shaped into a book:

* The home page keeps its introduction; its sections that hold listings (cards,
  tag cloud, "see all" links) are web navigation and are dropped.
* The "latest articles" page is dropped: it only lists articles found elsewhere.
* Part "Articles": with ``kb_pdf_grouping = "date"`` the archive, one chapter per
  year, one section per article; with ``"tag"`` the tag pages, one chapter per
  tag holding the articles it owns (the archive then holds none and is dropped).
* Part "Reference": the other pages of the home toctree (the glossary) and,
  last, the tags overview with one section per tag: the index of tags.
* Glossary term links get a page reference (Sphinx gives terms none), tag
  badges in bylines print as plain text, and every article is indexed under
  its tags in the book's index.

Each article is inlined by exactly one toctree (see ``generate``), and listings
render as lists of references for this builder (see ``render``), so nothing
here can make an article appear twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import texescape

from ..environment.domain import get_domain
from ..environment.state import kb_config, kb_state
from ..nodes import SKIP, handlers, kb_listing

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ARTICLES_PART = "Articles"
REFERENCE_PART = "Reference"


class kb_pageref(nodes.Inline, nodes.Element):
    """``(page N)`` after a glossary-term link; written by the LaTeX builder only."""


def visit_kb_pageref_latex(self: Any, node: kb_pageref) -> None:
    # The translator's own helper, so the label matches the term's \label exactly.
    self.body.append(rf"~({self.hyperpageref(node['refid'])})")
    raise nodes.SkipNode


def _is_book(app: Sphinx) -> bool:
    return app.builder.format == "latex"


def _file_of(node: nodes.Node) -> addnodes.start_of_file | None:
    """The innermost included document holding ``node`` (None: the root document)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.start_of_file):
            return parent
        parent = parent.parent
    return None


def _docname_of(node: nodes.Node, root: str) -> str:
    sof = _file_of(node)
    return sof["docname"] if sof is not None else root


def _repair_parents(tree: nodes.Element) -> None:
    """Point every node at its real parent.

    ``inline_all_toctrees`` moves an included document's children into a
    ``start_of_file`` node without updating their ``parent``; ancestry and
    removal below need it right.
    """
    stack: list[nodes.Element] = [tree]
    while stack:
        node = stack.pop()
        for child in node.children:
            child.parent = node
            if isinstance(child, nodes.Element):
                stack.append(child)


def _first_section(node: nodes.Element) -> nodes.section | None:
    return next((c for c in node.children if isinstance(c, nodes.section)), None)


def _retitle(section: nodes.section, text: str) -> None:
    if section.children and isinstance(section[0], nodes.title):
        section[0].replace_self(nodes.title(text, text))


def _part(title: str, ident: str, children: list[nodes.Node]) -> nodes.section:
    section = nodes.section(ids=[ident])
    section += nodes.title(title, title)
    section.extend(children)
    return section


def shape_book(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Parts, chapters and sections of the book; before listings are rendered."""
    if not _is_book(app):
        return
    root = _first_section(doctree)
    if root is None:
        return
    config = kb_config(app)
    _repair_parents(doctree)
    # Outermost included documents, in toctree order, wherever the home page put them.
    files = [s for s in root.findall(addnodes.start_of_file) if _file_of(s) is None]
    for sof in files:
        sof.parent.remove(sof)
    for section in [c for c in root.children if isinstance(c, nodes.section)]:
        web_only = any(section.findall(kb_listing))
        empty = all(isinstance(c, nodes.title) for c in section.children)
        if web_only or empty:
            root.remove(section)
    for listing in [c for c in root.children if isinstance(c, kb_listing)]:
        root.remove(listing)

    _introduction(app, root)

    by_doc = {sof["docname"]: sof for sof in files}
    grouping_by_tag = config.pdf_grouping == "tag"
    dropped = {f"{config.archive_dir}/latest"}
    if grouping_by_tag:
        dropped.add(f"{config.archive_dir}/index")  # year pages own no articles then
    articles_doc = f"{config.tags_dir}/index" if grouping_by_tag else f"{config.archive_dir}/index"
    tags_doc = f"{config.tags_dir}/index"

    articles = by_doc.get(articles_doc)
    rest = [s for s in files if s["docname"] not in dropped and s is not articles]
    # The tags overview is the book's index of tags: it goes last.
    rest.sort(key=lambda sof: sof["docname"] == tags_doc)
    for sof in (articles, by_doc.get(tags_doc)):
        section = _first_section(sof) if sof is not None else None
        if section is None:
            continue
        # The overview listing repeats what the chapters and sections below hold.
        for listing in [c for c in section.children if isinstance(c, kb_listing)]:
            section.remove(listing)
    if articles is not None:
        section = _first_section(articles)
        if section is not None:
            _retitle(section, ARTICLES_PART)
        root += articles
    if rest:
        root += _part(REFERENCE_PART, "kb-book-reference", rest)


def _introduction(app: Sphinx, root: nodes.section) -> None:
    """Head the home page's introduction, which precedes Part I, with its title."""
    if len(root.children) < 2 or not isinstance(root[0], nodes.title):
        return
    title = texescape.escape(root[0].astext(), app.config.latex_engine)
    # Unnumbered and outside the contents; the running head shows it too.
    latex = rf"\chapter*{{{title}}}\markboth{{{title}}}{{{title}}}"
    root.insert(1, nodes.raw("", latex, format="latex"))


def finish_book(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print touches on the rendered tree; after listings are rendered."""
    if not _is_book(app):
        return
    config = kb_config(app)
    tag_pages = config.tags_dir + "/"
    for para in list(doctree.findall(nodes.paragraph)):
        classes = para["classes"]
        if "kb-byline" in classes:
            # Tag badges print as plain words; "(page N)" after each would be clutter.
            for ref in list(para.findall(nodes.reference)):
                ref.replace_self(ref.children)
        elif "kb-summary" in classes and _docname_of(para, docname).startswith(tag_pages):
            # Tag sections are an index: titles, dates and pages are enough.
            para.parent.remove(para)
        elif "kb-lede" in classes:
            # A container gets \begin{sphinxuseclass}{kb-lede}, styled in the preamble.
            box = nodes.container(classes=["kb-lede"])
            para.replace_self(box)
            box += para
    _term_pagerefs(doctree, docname)
    _index_tags(app, doctree)
    for card in list(doctree.findall(_is_design("card"))):
        _print_card(card)


def _term_pagerefs(doctree: nodes.document, root: str) -> None:
    """``(page N)`` after glossary-term links, as Sphinx gives other cross-references."""
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        first = ref.children[0] if ref.children else None
        if not uri.startswith("%") or not isinstance(first, nodes.Element):
            continue
        if "std-term" not in first["classes"] or isinstance(ref.parent, nodes.title):
            continue
        target_doc, _hash, anchor = uri[1:].partition("#")
        if not anchor or target_doc == _docname_of(ref, root):
            continue  # a term defined on the same page needs no page number
        ref.parent.insert(ref.parent.index(ref) + 1, kb_pageref(refid=f"{target_doc}:{anchor}"))


def _index_tags(app: Sphinx, doctree: nodes.document) -> None:
    """Index every article under each of its tags: the book's index lists tags."""
    records = get_domain(app.env).articles
    vocabulary = kb_state(app).vocabulary
    for sof in doctree.findall(addnodes.start_of_file):
        record = records.get(sof["docname"])
        section = _first_section(sof)
        if record is None or section is None or not record.tags:
            continue
        # The heading's text, as printed (smart quotes and all).
        title = section[0].astext() if isinstance(section[0], nodes.title) else record.title
        entries = [
            ("single", f"{vocabulary.info(key).label}; {title}", "", "", None)
            for key in record.tags
        ]
        # Right after the title, so the entry points at the article's first page.
        section.insert(1, addnodes.index(entries=entries, inline=False))


def _is_design(name: str) -> Any:
    def match(node: nodes.Node) -> bool:
        return isinstance(node, nodes.Element) and node.get("design_component") == name

    return match


def _print_card(card: nodes.Element) -> None:
    """A sphinx-design card as print: a bold title that carries the card's link.

    On the web the whole card is a link (a hidden "stretched" link after the
    body); in print that link would dangle after the text, so it moves onto the
    title, where the LaTeX writer adds its page number.
    """
    link: nodes.reference | None = None
    holders = [card, *card.findall(_is_design("card-overlay"))]
    for holder in holders:
        for child in list(holder.children):
            # The link's wrapper is a bare text element (not a paragraph) of the card.
            if isinstance(child, nodes.TextElement) and not isinstance(child, nodes.paragraph):
                link = next(iter(child.findall(nodes.reference)), link)
                holder.remove(child)
    title = next(iter(card.findall(_is_design("card-title"))), None)
    if title is None:
        if link is not None:
            card += nodes.paragraph("", "", link)
        return
    inlines: list[nodes.Node] = []
    for child in title.children:
        inlines.extend(child.children if isinstance(child, nodes.TextElement) else [child])
    heading: nodes.Node = nodes.strong("", "", *inlines)
    if link is not None and link.get("refuri"):
        heading = nodes.reference(
            "", "", heading, refuri=link["refuri"], internal=link.get("internal", False)
        )
    title.replace_self(nodes.paragraph("", "", heading, classes=["kb-card-title"]))


def setup(app: Sphinx) -> None:
    """Wire the LaTeX events; called from ``sphinx_kb.extension.setup``."""
    app.add_node(kb_pageref, **handlers(SKIP, latex=(visit_kb_pageref_latex, None)))
    # Listings are rendered at doctree-resolved with the default priority (500).
    app.connect("doctree-resolved", shape_book, priority=400)
    app.connect("doctree-resolved", finish_book, priority=600)
