"""The listings a page can hold: how each is evaluated and rendered.

A kind is a pair of pure functions: ``evaluate(catalog, docname, options)`` gives
a hashable result (compared between builds to decide what to rewrite) and
``render(context, result, options)`` turns it into docutils nodes.  Other modules
(the glossary) add their own kinds with :func:`register_kind`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..environment.state import kb_state
from . import render
from .catalog import Catalog

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

Options = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    evaluate: Callable[[Catalog, str, Options], Any]
    render: Callable[[RenderContext, Any, Options], list[nodes.Node]]
    #: Which catalog inputs the result depends on ("articles", "mentions"): a page
    #: is only re-evaluated after a build that changed one of them.
    uses: frozenset[str] = frozenset({"articles"})


@dataclass(frozen=True)
class RenderContext:
    app: Sphinx
    builder: Builder
    docname: str
    catalog: Catalog

    @property
    def tags_dir(self) -> str:
        return kb_state(self.app).config.tags_dir


KINDS: dict[str, Kind] = {}


def register_kind(
    name: str,
    evaluate: Callable[..., Any],
    render_fn: Callable[..., Any],
    *,
    uses: tuple[str, ...] = ("articles",),
) -> None:
    KINDS[name] = Kind(evaluate, render_fn, frozenset(uses))


def _with_badges(catalog: Catalog, records: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((r, catalog.badges(r.tags)) for r in records)


# -- kinds ---------------------------------------------------------------------


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
    return _with_badges(catalog, records)


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
        _with_badges(catalog, catalog.select(tag=key)),
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


def _eval_archive(catalog: Catalog, docname: str, opts: Options) -> Any:
    year = str(opts.get("year", ""))
    if year == "undated":
        return ("undated", _with_badges(catalog, catalog.select(year="undated")))
    if year:
        return ("months", year, catalog.months(year))
    return ("years", catalog.years())


def _render_archive(ctx: RenderContext, result: Any, opts: Options) -> list[nodes.Node]:
    from .generate import month_docname

    archive_dir = kb_state(ctx.app).config.archive_dir
    bullet = nodes.bullet_list(classes=["kb-archive"])
    if result[0] == "undated":
        return [render.article_list(ctx.builder, ctx.docname, ctx.tags_dir, result[1])]
    if result[0] == "years":
        for year, count in result[1]:
            label = "Undated" if year == "undated" else year
            bullet += nodes.list_item(
                "",
                nodes.paragraph(
                    "",
                    "",
                    render.link(
                        ctx.builder, ctx.docname, f"{archive_dir}/{year}", nodes.Text(label)
                    ),
                    nodes.Text(f" ({count})"),
                ),
            )
        return [bullet]
    import calendar

    _tag, year, months = result
    for month, count in months:
        bullet += nodes.list_item(
            "",
            nodes.paragraph(
                "",
                "",
                render.link(
                    ctx.builder,
                    ctx.docname,
                    month_docname(archive_dir, year, month, 1),
                    nodes.Text(f"{calendar.month_name[month]} {year}"),
                ),
                nodes.Text(f" ({count})"),
            ),
        )
    return [bullet] if render.is_html(ctx.builder) else []


def _eval_month(catalog: Catalog, docname: str, opts: Options) -> Any:
    size = catalog.page_size
    page = int(opts.get("page", 1))
    records = catalog.select(
        year=str(opts["year"]), month=int(opts["month"]), offset=(page - 1) * size, limit=size
    )
    return (_with_badges(catalog, records), page, int(opts.get("pages", 1)))


def _render_month(ctx: RenderContext, result: Any, opts: Options) -> list[nodes.Node]:
    from .generate import month_docname

    items, page, pages = result
    out: list[nodes.Node] = [render.article_list(ctx.builder, ctx.docname, ctx.tags_dir, items)]
    if pages > 1:
        archive_dir = kb_state(ctx.app).config.archive_dir
        pager = nodes.paragraph(classes=["kb-pager"])
        for number in range(1, pages + 1):
            target = month_docname(archive_dir, str(opts["year"]), int(opts["month"]), number)
            text = nodes.Text(f" {number} ")
            pager += (
                nodes.strong("", "", text)
                if number == page
                else render.link(ctx.builder, ctx.docname, target, text)
            )
        out.append(pager)
    return out


def _eval_article_page(catalog: Catalog, docname: str, opts: Options) -> Any:
    if docname not in catalog.position:
        return None
    count = int(opts.get("related", 5))
    record = catalog.articles[catalog.position[docname]]
    return (
        catalog.badges(record.tags),
        _with_badges(catalog, catalog.related(docname, count)),
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


register_kind("articles", _eval_articles, _render_articles)
register_kind("tag-page", _eval_tag_page, _render_tag_page)
register_kind("tag-overview", _eval_tags, _render_overview)
register_kind("tag-cloud", _eval_tags, _render_cloud)
register_kind("archive", _eval_archive, _render_archive)
register_kind("archive-month", _eval_month, _render_month)
register_kind("article-page", _eval_article_page, _render_article_page)
