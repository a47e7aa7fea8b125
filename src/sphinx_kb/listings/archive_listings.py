"""The archive's listings: years, the months of a year, one page of a month, and the
undated articles (split into pages like a month)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes

from ..articles import dates
from ..config import KBConfig
from . import render
from .catalog import Catalog
from .listing_types import Options, RenderContext, records_of, register_kind, with_badges
from .plan import month_docname, undated_docname


def _eval_archive(catalog: Catalog, docname: str, opts: Options) -> Any:
    year = str(opts.get("year", ""))
    if year == "undated":
        page, pages = int(opts.get("page", 1)), int(opts.get("pages", 0))
        size = catalog.page_size if pages else 0
        records = catalog.select(year="undated", offset=(page - 1) * size, limit=size)
        return ("undated", with_badges(catalog, records), page, pages)
    if year:
        return ("months", year, catalog.months(year))
    return ("years", catalog.years())


def _render_archive(ctx: RenderContext, result: Any, opts: Options) -> list[nodes.Node]:
    archive_dir = ctx.config.archive_dir
    if result[0] == "undated":
        _kind, items, page, pages = result
        out: list[nodes.Node] = [render.article_list(ctx.builder, ctx.docname, ctx.tags_dir, items)]
        if pages > 1:
            out.append(_pager(ctx, page, pages, lambda n: undated_docname(archive_dir, n)))
        return out
    bullet = nodes.bullet_list(classes=["kb-archive"])
    if result[0] == "years":
        for year, count in result[1]:
            label = "Undated" if year == "undated" else year
            bullet += _counted(ctx, f"{archive_dir}/{year}", label, count)
        return [bullet]
    _tag, year, months = result
    for month, count in months:
        label = dates.month(year, month, ctx.builder.config.language)
        bullet += _counted(ctx, month_docname(archive_dir, year, month, 1), label, count)
    return [bullet] if render.is_html(ctx.builder) else []


def _counted(ctx: RenderContext, target: str, label: str, count: int) -> nodes.list_item:
    """A list item: a link to ``target`` and how many articles it lists."""
    link = render.link(ctx.builder, ctx.docname, target, nodes.Text(label))
    return nodes.list_item("", nodes.paragraph("", "", link, nodes.Text(f" ({count})")))


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
        year, month = str(opts["year"]), int(opts["month"])
        out.append(_pager(ctx, page, pages, lambda n: month_docname(archive_dir, year, month, n)))
    return out


def _pager(
    ctx: RenderContext, page: int, pages: int, target_of: Callable[[int], str]
) -> nodes.paragraph:
    pager = nodes.paragraph(classes=["kb-pager"])
    for number in range(1, pages + 1):
        text = nodes.Text(f" {number} ")
        pager += (
            nodes.strong("", "", text)
            if number == page
            else render.link(ctx.builder, ctx.docname, target_of(number), text)
        )
    return pager


def _reach_archive(result: Any, opts: Options, config: KBConfig) -> set[str]:
    if result[0] == "undated":
        _kind, items, _page, pages = result
        others = {undated_docname(config.archive_dir, n) for n in range(1, pages + 1)}
        return records_of(items) | others
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
