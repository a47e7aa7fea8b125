"""Listings rendered at ``doctree-resolved``, from the catalog: placeholders, tag
badges, and an article's related articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..environment.state import kb_state
from ..nodes import kb_listing, kb_tag_badges
from . import render
from .catalog import catalog_for
from .listing_types import KINDS, RenderContext

if TYPE_CHECKING:
    from sphinx.application import Sphinx


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
