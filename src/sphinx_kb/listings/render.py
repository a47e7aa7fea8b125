"""Docutils nodes for listings: links, tag badges, article lists and cards.

HTML gets sphinx-design cards and badges; every other format (LaTeX, EPUB's
text parts) gets plain lists of references, which print cleanly and never pull a
page into the book a second time.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri

from ..articles import dates
from ..environment.domain import ArticleRecord
from ..nodes import kb_time
from .catalog import TagSummary

if TYPE_CHECKING:
    from sphinx.builders import Builder


#: Listings repeat other pages' titles and descriptions; Sphinx's search index
#: skips elements with this class, so results point at the articles themselves.
NO_SEARCH = ("no-search",)


def is_html(builder: Builder) -> bool:
    return builder.format == "html"


def link(
    builder: Builder,
    fromdoc: str,
    todoc: str,
    *children: nodes.Node,
    classes: list[str] | None = None,
) -> nodes.Node:
    """A reference to ``todoc``, or its text alone where the target has no URI."""
    try:
        uri = builder.get_relative_uri(fromdoc, todoc)
    except NoUri:
        return nodes.inline("", "", *children, classes=classes or [])
    ref = nodes.reference("", "", *children, internal=True, refuri=uri, classes=classes or [])
    return ref


def time_node(builder: Builder, record: ArticleRecord) -> nodes.Node:
    if not record.date:
        return nodes.inline("", "undated", classes=["kb-undated"])
    shown = dates.day(dt.date.fromisoformat(record.date), builder.config.language)
    return kb_time("", shown, datetime=record.date)


def badge(builder: Builder, fromdoc: str, tags_dir: str, tag: TagSummary) -> nodes.Node:
    # The package's own badge colours (sphinx-kb.css): sphinx-design's white on
    # green or teal is below 4.5:1, and its "light" and "dark" vanish in one mode.
    text = nodes.inline("", tag.label, classes=["kb-tag", f"kb-tag-{tag.colour}"])
    if not tag.slug:
        return text
    return link(builder, fromdoc, f"{tags_dir}/{tag.slug}", text)


def badges(
    builder: Builder, fromdoc: str, tags_dir: str, tags: tuple[TagSummary, ...]
) -> nodes.inline:
    container = nodes.inline(classes=["kb-tags"])
    for index, tag in enumerate(tags):
        if index:
            container += nodes.Text(" " if is_html(builder) else ", ")
        container += badge(builder, fromdoc, tags_dir, tag)
    return container


def article_list(
    builder: Builder,
    fromdoc: str,
    tags_dir: str,
    items: tuple[tuple[ArticleRecord, tuple[TagSummary, ...]], ...],
    *,
    with_description: bool = True,
) -> nodes.Node:
    """A bullet list: linked title, date, tags, description."""
    bullet = nodes.bullet_list(classes=["kb-article-list", *NO_SEARCH])
    for record, tags in items:
        item = nodes.list_item()
        para = nodes.paragraph()
        para += link(builder, fromdoc, record.docname, nodes.strong("", record.title))
        para += nodes.Text(" — ")
        para += time_node(builder, record)
        if tags and is_html(builder):
            para += nodes.Text(" ")
            para += badges(builder, fromdoc, tags_dir, tags)
        item += para
        if with_description and record.description:
            item += nodes.paragraph("", record.description, classes=["kb-summary"])
        bullet += item
    return bullet


def _div(*classes: str) -> nodes.container:
    return nodes.container(classes=list(classes))


def article_cards(
    builder: Builder,
    fromdoc: str,
    tags_dir: str,
    items: tuple[tuple[ArticleRecord, tuple[TagSummary, ...]], ...],
) -> nodes.Node:
    """sphinx-design cards in a responsive grid (HTML only)."""
    if not is_html(builder):
        return article_list(builder, fromdoc, tags_dir, items)
    grid = _div("sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "kb-cards", *NO_SEARCH)
    row = _div("sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-lg-3", "sd-g-3")
    grid += row
    for record, tags in items:
        col = _div("sd-col", "sd-d-flex-row")
        card = _div("sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm", "kb-card")
        body = _div("sd-card-body")
        # A heading (under the page's "Latest articles" heading); its link covers the
        # whole card (sphinx-kb.css), so the card is one link, not just its title.
        title = nodes.rubric(classes=["sd-card-title", "kb-card-title"], **{"heading-level": 3})
        title += link(builder, fromdoc, record.docname, nodes.Text(record.title))
        body += title
        meta = nodes.paragraph(classes=["kb-card-meta"])
        meta += time_node(builder, record)
        meta += nodes.Text(f" · {record.minutes} min read")
        body += meta
        if record.description:
            body += nodes.paragraph("", record.description, classes=["sd-card-text"])
        if tags:
            tag_para = nodes.paragraph(classes=["kb-card-tags"])
            tag_para += badges(builder, fromdoc, tags_dir, tags)
            body += tag_para
        card += body
        col += card
        row += col
    return grid


def tag_table(
    builder: Builder, fromdoc: str, tags_dir: str, tags: tuple[TagSummary, ...]
) -> nodes.Node:
    """Every tag with its count and description, as a definition-style list."""
    bullet = nodes.bullet_list(classes=["kb-tag-overview", *NO_SEARCH])
    for tag in tags:
        item = nodes.list_item()
        para = nodes.paragraph()
        para += (
            badge(builder, fromdoc, tags_dir, tag)
            if is_html(builder)
            else link(builder, fromdoc, f"{tags_dir}/{tag.slug}", nodes.Text(tag.label))
        )
        para += nodes.Text(f" ({count_label(tag.count - tag.pages, tag.pages)})")
        item += para
        if tag.description:
            item += nodes.paragraph("", tag.description, classes=["kb-tag-description"])
        bullet += item
    return bullet


def count_label(articles: int, pages: int = 0) -> str:
    """ "5 articles", "1 article and 2 pages": the same words on every listing."""
    words = [f"{articles} {'article' if articles == 1 else 'articles'}"] if articles else []
    if pages:
        words.append(f"{pages} {'page' if pages == 1 else 'pages'}")
    return " and ".join(words) or "0 articles"


def tag_cloud(
    builder: Builder, fromdoc: str, tags_dir: str, tags: tuple[TagSummary, ...]
) -> nodes.Node:
    para = nodes.paragraph(classes=["kb-tag-cloud", *NO_SEARCH])
    top = max((t.count for t in tags), default=1)
    for index, tag in enumerate(tags):
        if index:
            para += nodes.Text(" ")
        size = 1 + round(3 * tag.count / top)  # kb-size-1 .. kb-size-4
        text = nodes.inline("", tag.label, classes=["kb-cloud-tag", f"kb-size-{size}"])
        para += link(
            builder,
            fromdoc,
            f"{tags_dir}/{tag.slug}",
            text,
            nodes.inline("", f" {tag.count}", classes=["kb-count"]),
        )
    return para
