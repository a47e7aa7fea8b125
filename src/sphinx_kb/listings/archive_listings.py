"""The archive's listings: years, the months of a year, and one page of a month."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from ..articles import dates
from ..config import KBConfig
from . import render
from .catalog import Catalog
from .listing_types import Options, RenderContext, records_of, register_kind, with_badges
from .plan import month_docname


def _eval_archive(catalog: Catalog, docname: str, opts: Options) -> Any:
    year = str(opts.get("year", ""))
    if year == "undated":
        return ("undated", with_badges(catalog, catalog.select(year="undated")))
    if year:
        return ("months", year, catalog.months(year))
    return ("years", catalog.years())


def _render_archive(ctx: RenderContext, result: Any, opts: Options) -> list[nodes.Node]:
    archive_dir = ctx.config.archive_dir
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
                    nodes.Text(dates.month(year, month, ctx.builder.config.language)),
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
    return (with_badges(catalog, records), page, int(opts.get("pages", 1)))


def _render_month(ctx: RenderContext, result: Any, opts: Options) -> list[nodes.Node]:
    items, page, pages = result
    out: list[nodes.Node] = [render.article_list(ctx.builder, ctx.docname, ctx.tags_dir, items)]
    if pages > 1:
        archive_dir = ctx.config.archive_dir
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


def _reach_archive(result: Any, opts: Options, config: KBConfig) -> set[str]:
    if result[0] == "undated":
        return records_of(result[1])
    if result[0] == "years":
        return {f"{config.archive_dir}/{year}" for year, _count in result[1]}
    _tag, year, months = result
    return {month_docname(config.archive_dir, year, month, 1) for month, _count in months}


def _reach_month(result: Any, opts: Options, config: KBConfig) -> set[str]:
    items, _page, pages = result
    year, month = str(opts["year"]), int(opts["month"])
    others = {month_docname(config.archive_dir, year, month, n) for n in range(1, pages + 1)}
    return records_of(items) | others


register_kind("archive", _eval_archive, _render_archive, reaches=_reach_archive)
register_kind("archive-month", _eval_month, _render_month, reaches=_reach_month)
