"""Listing directives and their rendering at ``doctree-resolved``.

A listing directive leaves a placeholder and records its specification in the
``kb`` domain.  After reading, :func:`on_env_updated` evaluates every page's
listings against the catalog and asks Sphinx to rewrite exactly the pages whose
listings changed (without re-reading them).  What each listing shows is a
*kind* (see ``kinds.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..articles.header import kb_tag_badges
from ..environment import xrefs
from ..environment.domain import get_domain
from ..environment.state import kb_state
from . import render
from .catalog import Catalog
from .listing_types import KINDS, Options, RenderContext, register_kind

__all__ = ["KINDS", "RenderContext", "catalog_for", "kb_listing", "register_kind"]

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


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
    option_spec = {  # noqa: RUF012
        "year": directives.unchanged_required,
        "page": directives.positive_int,
        "pages": directives.positive_int,
    }


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


def _fingerprint(value: Any) -> str:
    return hashlib.sha1(repr(value).encode("utf-8")).hexdigest()


def _inputs(catalog: Catalog, domain: Any) -> dict[str, str]:
    vocabulary = catalog.vocabulary
    return {
        "articles": _fingerprint(
            (
                catalog.articles,
                catalog.tagged,
                sorted(catalog.slugs.items()),
                sorted(vocabulary.tags.items()),
                sorted(vocabulary.aliases.items()),
            )
        ),
        "mentions": _fingerprint(sorted(domain.mentions.items())),
    }


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose listings changed although they were not re-read: rewrite them.

    Listings are re-evaluated only where their inputs changed: after a body edit
    the catalog is the same, so no page's related articles are worked out again
    (that is quadratic in the number of articles).
    """
    state = kb_state(app)
    state.catalog = None
    if not state.touched:
        return []
    state.touched.clear()
    catalog = catalog_for(app)
    domain = get_domain(env)
    inputs = _inputs(catalog, domain)
    changed_inputs = {k for k, v in inputs.items() if domain.data["inputs"].get(k) != v}
    domain.data["inputs"] = inputs
    changed: set[str] = set()
    xref_map = domain.data["xrefs"]
    for docname in sorted(set(domain.listings) | set(domain.articles)):
        specs = [(kind, opts) for kind, opts in _page_specs(app, env, docname) if kind in KINDS]
        fresh = docname not in domain.digests  # read in this build, or new
        if not fresh and not any(KINDS[kind].uses & changed_inputs for kind, _ in specs):
            continue
        digest = _fingerprint(
            [(kind, KINDS[kind].evaluate(catalog, docname, opts)) for kind, opts in specs]
        )
        if domain.digests.get(docname) != digest:
            domain.digests[docname] = digest
            changed.add(docname)
    for docname, refs in xref_map.items():
        digest = _fingerprint(xrefs.resolved(env, refs))
        if domain.data["xref_digests"].get(docname) != digest:
            domain.data["xref_digests"][docname] = digest
            changed.add(docname)
    return sorted(changed)


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
