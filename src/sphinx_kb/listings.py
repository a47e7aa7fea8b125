"""Listing directives and their rendering at ``doctree-resolved``.

A listing directive leaves a placeholder and records its specification in the
``kb`` domain.  After reading, :func:`on_env_updated` evaluates every page's
listings against the catalog and asks Sphinx to rewrite exactly the pages whose
listings changed (without re-reading them).  Kinds are registered in
:data:`KINDS`; other modules (the glossary) add their own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from . import render, xrefs
from .catalog import Catalog
from .domain import get_domain
from .page import kb_tag_badges
from .state import kb_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

Options = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    evaluate: Callable[[Catalog, str, Options], Any]
    render: Callable[[RenderContext, Any, Options], list[nodes.Node]]


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


def register_kind(name: str, evaluate: Callable[..., Any], render_fn: Callable[..., Any]) -> None:
    KINDS[name] = Kind(evaluate, render_fn)


class kb_listing(nodes.General, nodes.Element):
    """Placeholder replaced by a rendered listing."""


def catalog_for(app: Sphinx) -> Catalog:
    state = kb_state(app)
    if state.catalog is None:
        state.catalog = Catalog.build(
            get_domain(app.env),
            state.vocabulary,
            state.slugs,
            page_size=state.config.listing_page_size,
        )
    return state.catalog


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
    total = len(articles) + len(pages)
    noun = "page" if total == 1 else "pages"
    out.append(
        nodes.paragraph(
            "", f"{total} {noun} with this tag, newest first.", classes=["kb-count-line"]
        )
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
    box += nodes.rubric("", "Related articles")
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


# -- directives ----------------------------------------------------------------


class ListingDirective(SphinxDirective):
    kind = ""
    has_content = False
    optional_arguments = 1
    option_spec: dict[str, Callable[[str], Any]] = {}  # noqa: RUF012

    def options_for(self) -> Options:
        return dict(self.options)

    def run(self) -> list[nodes.Node]:
        options = self.options_for()
        spec = (self.kind, tuple(sorted(options.items())))
        get_domain(self.env).note_listing(self.env.docname, spec)
        node = kb_listing(kind=self.kind, options=options)
        self.set_source_info(node)
        return [node]


def _sort(value: str) -> str:
    return directives.choice(value, ("date", "oldest", "title"))


def _style(value: str) -> str:
    return directives.choice(value, ("cards", "list"))


class ArticleListDirective(ListingDirective):
    """``{article-list}``: articles filtered by tag and year, sorted, limited."""

    kind = "articles"
    optional_arguments = 0
    option_spec = {  # noqa: RUF012
        "tag": directives.unchanged_required,
        "year": directives.unchanged_required,
        "month": directives.positive_int,
        "sort": _sort,
        "limit": directives.nonnegative_int,
        "style": _style,
    }


class TagPageDirective(ListingDirective):
    kind = "tag-page"
    required_arguments = 1
    optional_arguments = 0

    def options_for(self) -> Options:
        return {"slug": self.arguments[0]}


class TagOverviewDirective(ListingDirective):
    kind = "tag-overview"
    optional_arguments = 0


class TagCloudDirective(ListingDirective):
    kind = "tag-cloud"
    optional_arguments = 0


class ArchiveDirective(ListingDirective):
    kind = "archive"
    optional_arguments = 0
    option_spec = {"year": directives.unchanged_required}  # noqa: RUF012


class ArchiveMonthDirective(ListingDirective):
    kind = "archive-month"
    optional_arguments = 0
    option_spec = {  # noqa: RUF012
        "year": directives.unchanged_required,
        "month": directives.positive_int,
        "page": directives.positive_int,
        "pages": directives.positive_int,
    }


# -- events --------------------------------------------------------------------


def _page_specs(app: Sphinx, env: BuildEnvironment, docname: str) -> list[tuple[str, Options]]:
    domain = get_domain(env)
    specs = [(kind, dict(items)) for kind, items in domain.listings.get(docname, [])]
    if docname in domain.articles:
        specs.append(("article-page", {"related": kb_state(app).config.related_count}))
    return specs


def on_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    kb_state(app).touched.add(docname)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose listings changed although they were not re-read: rewrite them."""
    state = kb_state(app)
    state.catalog = None
    if not state.touched:
        return []
    state.touched.clear()
    catalog = catalog_for(app)
    domain = get_domain(env)
    changed: list[str] = []
    xref_map = domain.data["xrefs"]
    docnames = set(domain.listings) | set(domain.articles) | set(xref_map)
    for docname in sorted(docnames):
        results: list[Any] = [
            (kind, KINDS[kind].evaluate(catalog, docname, opts))
            for kind, opts in _page_specs(app, env, docname)
            if kind in KINDS
        ]
        if docname in xref_map:
            results.append(("xrefs", xrefs.resolved(env, xref_map[docname])))
        digest = hashlib.sha1(repr(results).encode("utf-8")).hexdigest()
        if domain.digests.get(docname) != digest:
            domain.digests[docname] = digest
            changed.append(docname)
    return changed


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    catalog = catalog_for(app)
    ctx = RenderContext(app, app.builder, docname, catalog)
    for node in list(doctree.findall(kb_listing)):
        kind = KINDS.get(node["kind"])
        if kind is None:
            node.replace_self([])
            continue
        result = kind.evaluate(catalog, docname, node["options"])
        node.replace_self(kind.render(ctx, result, node["options"]))
    for node in list(doctree.findall(kb_tag_badges)):
        node.replace_self(
            render.badges(app.builder, docname, ctx.tags_dir, catalog.badges(tuple(node["tags"])))
        )
    if docname in catalog.position:
        opts = {"related": kb_state(app).config.related_count}
        result = KINDS["article-page"].evaluate(catalog, docname, opts)
        extra = KINDS["article-page"].render(ctx, result, opts)
        section = doctree.next_node(nodes.section)
        (section if section is not None else doctree).extend(extra)
