"""Listings of articles and tags: article lists and cards, tag pages, the tags overview
and cloud, and an article's own related articles."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from ..config import KBConfig
from . import render
from .catalog import Catalog
from .listing_types import Options, RenderContext, records_of, register_kind, with_badges


def _eval_articles(catalog: Catalog, docname: str, opts: Options) -> Any:
    tag = ""
    if opts.get("tag"):
        tag, _declared = catalog.vocabulary.resolve(opts["tag"])
    records = catalog.select(
        tag=tag,
        year=str(opts.get("year", "")),
        month=int(opts.get("month", 0) or 0),
        sort=opts.get("sort", "date"),
        limit=int(opts.get("limit", 0) or 0),
    )
    return with_badges(catalog, records)


def _render_articles(ctx: RenderContext, result: Any, opts: Options) -> list[nodes.Node]:
    if not result:
        return [nodes.paragraph("", "No articles yet.", classes=["kb-empty"])]
    if opts.get("style", "cards") == "cards":
        return [render.article_cards(ctx.builder, ctx.docname, ctx.tags_dir, result)]
    return [render.article_list(ctx.builder, ctx.docname, ctx.tags_dir, result)]


def _eval_tag_page(catalog: Catalog, docname: str, opts: Options) -> Any:
    key = catalog.key_for_slug(opts["slug"])
    if key is None:
        return None
    info = catalog.tag_info(key)
    return (
        info,
        with_badges(catalog, catalog.select(tag=key)),
        tuple((p.docname, p.title) for p in catalog.tagged_pages(key)),
    )


def _render_tag_page(ctx: RenderContext, result: Any, opts: Options) -> list[nodes.Node]:
    if result is None:
        return []
    info, articles, pages = result
    out: list[nodes.Node] = []
    if info.description:
        out.append(nodes.paragraph("", info.description, classes=["kb-tag-description"]))
    label = render.count_label(len(articles), len(pages))
    out.append(
        nodes.paragraph("", f"{label} with this tag, newest first.", classes=["kb-count-line"])
    )
    if articles:
        out.append(render.article_list(ctx.builder, ctx.docname, ctx.tags_dir, articles))
    if pages:
        bullet = nodes.bullet_list(classes=["kb-tagged-pages"])
        for page_doc, title in pages:
            bullet += nodes.list_item(
                "",
                nodes.paragraph(
                    "", "", render.link(ctx.builder, ctx.docname, page_doc, nodes.Text(title))
                ),
            )
        out.append(bullet)
    return out


def _eval_tags(catalog: Catalog, docname: str, opts: Options) -> Any:
    return catalog.tag_summaries()


def _render_overview(ctx: RenderContext, result: Any, opts: Options) -> list[nodes.Node]:
    return [render.tag_table(ctx.builder, ctx.docname, ctx.tags_dir, result)]


def _render_cloud(ctx: RenderContext, result: Any, opts: Options) -> list[nodes.Node]:
    return [render.tag_cloud(ctx.builder, ctx.docname, ctx.tags_dir, result)]


def _eval_article_page(catalog: Catalog, docname: str, opts: Options) -> Any:
    if docname not in catalog.position:
        return None
    count = int(opts.get("related", 5))
    record = catalog.articles[catalog.position[docname]]
    return (
        catalog.badges(record.tags),
        with_badges(catalog, catalog.related(docname, count)),
        catalog.neighbours(docname, 2, 2),
    )


def _render_article_page(ctx: RenderContext, result: Any, opts: Options) -> list[nodes.Node]:
    if result is None or not render.is_html(ctx.builder):
        return []
    _badges, related, _neighbours = result
    if not related:
        return []
    box = nodes.container(classes=["kb-related", *render.NO_SEARCH])
    # A heading of the article (h2, as its sections), not a styled paragraph.
    box += nodes.rubric("", "Related articles", **{"heading-level": 2})
    box += render.article_list(
        ctx.builder, ctx.docname, ctx.tags_dir, related, with_description=False
    )
    return [box]


# -- what each kind links to ------------------------------------------------------


def _reach_articles(result: Any, opts: Options, config: KBConfig) -> set[str]:
    return records_of(result)


def _reach_tag_page(result: Any, opts: Options, config: KBConfig) -> set[str]:
    if result is None:
        return set()
    _info, articles, pages = result
    return records_of(articles) | {docname for docname, _title in pages}


def _reach_tags(result: Any, opts: Options, config: KBConfig) -> set[str]:
    return {f"{config.tags_dir}/{tag.slug}" for tag in result if tag.slug}


register_kind("articles", _eval_articles, _render_articles, reaches=_reach_articles)
register_kind("tag-page", _eval_tag_page, _render_tag_page, reaches=_reach_tag_page)
register_kind("tag-overview", _eval_tags, _render_overview, reaches=_reach_tags)
register_kind("tag-cloud", _eval_tags, _render_cloud, reaches=_reach_tags)
register_kind("article-page", _eval_article_page, _render_article_page)
