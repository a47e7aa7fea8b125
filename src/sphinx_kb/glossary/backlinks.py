"""Backlinks: "Used in: …" under each glossary entry, and the terms nobody uses.

A page's mentions are the glossary entries it links to, automatically or with
an explicit ``{term}`` role (recorded at read time by ``autolink``).  They live
per document in the ``kb`` domain, so re-reading an article replaces its
mentions.  The glossary page records a "glossary-backlinks" listing at read
time; after reading, the listings machinery evaluates it against the catalog
and rewrites the glossary page whenever the result changed, without re-reading
it.  The same evaluation renders the lists at ``doctree-resolved``, so what is
written is exactly what was compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..config import KBConfig
from ..environment.domain import get_domain
from ..listings import render
from ..listings.catalog import Catalog, catalog_for
from ..listings.listing_types import register_kind
from ..nodes import kb_listing
from ..problems import log_problem
from .runtime import config_of, glossary_path, runtime
from .terms import Glossary, term_key

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

KIND = "glossary-backlinks"
USED_IN_CLASS = "kb-used-in"

#: (term id, ((docname, title), ...) newest first, how many articles in all).
Backlinks = tuple[tuple[str, tuple[tuple[str, str], ...], int], ...]


def evaluate(catalog: Catalog, docname: str, opts: Mapping[str, Any]) -> Backlinks:
    limit = int(opts.get("limit", 0) or 0) or None
    return tuple(
        (term_id, tuple((a.docname, a.title) for a in articles[:limit]), len(articles))
        for term_id, articles in sorted(catalog.mentions.items())
    )


def listing_options(config: KBConfig) -> dict[str, Any]:
    return {"limit": config.glossary_backlinks_limit}


def render_placeholder(ctx: Any, result: Backlinks, opts: Mapping[str, Any]) -> list[nodes.Node]:
    # The lists go into the glossary's own definition list (see ``on_doctree_resolved``);
    # the listing exists so that a change of backlinks rewrites the glossary page.
    return []


class GlossaryBacklinksListing(SphinxTransform):
    """Records the backlinks listing on the glossary page while it is read.

    It also reports term lines that differ only in case: Sphinx warns about exact
    duplicates only, but both would share one term id.
    """

    default_priority = 770

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if docname != config_of(self.env).glossary_doc:
            return
        options = listing_options(config_of(self.env))
        # A placeholder like the listing directives' (rendered as nothing): the kb
        # domain records it, and a change of backlinks rewrites the page.
        self.document += kb_listing(kind=KIND, options=options)
        for problem in runtime(self.env).glossary.problems:
            log_problem(problem, docname=docname, subtype="glossary")


def used_in(
    builder: Any, fromdoc: str, pages: Iterable[tuple[str, str]], total: int = 0
) -> nodes.paragraph | None:
    """The line "Used in: A, B and 3 more" (``total``: how many articles in all)."""
    pages = list(pages)
    if not pages:
        return None
    para = nodes.paragraph("", "", classes=[USED_IN_CLASS])
    para += nodes.strong("", "Used in:")
    para += nodes.Text(" ")
    for index, (docname, title) in enumerate(pages):
        if index:
            para += nodes.Text(", ")
        para += render.link(builder, fromdoc, docname, nodes.Text(title))
    more = total - len(pages)
    if more > 0:
        para += nodes.Text(f" and {more} more")
    return para


def _is_glossary_node(app: Sphinx, node: nodes.Element, docname: str) -> bool:
    if docname == config_of(app.env).glossary_doc:
        return True
    # LaTeX resolves one assembled doctree for the whole book: go by the source file.
    source = node.source or next((t.source for t in node.findall(nodes.term) if t.source), None)
    return bool(source) and Path(source).resolve() == glossary_path(app.env).resolve()


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    glossaries = [
        g for g in doctree.findall(addnodes.glossary) if _is_glossary_node(app, g, docname)
    ]
    if not glossaries:
        return
    options = listing_options(config_of(app.env))
    backlinks = {
        term_id: (pages, total)
        for term_id, pages, total in evaluate(catalog_for(app), docname, options)
    }
    for glossary in glossaries:
        for item in glossary.findall(nodes.definition_list_item):
            # Mentions are recorded under the entry's id: its first term's key.
            first = item.next_node(nodes.term)
            pages, total = backlinks.get(term_key(first.astext()) if first else "", ((), 0))
            para = used_in(app.builder, docname, pages, total)
            definition = item.next_node(nodes.definition)
            if para is not None and definition is not None:
                definition += para


def unused_terms(glossary: Glossary, mentions: Mapping[str, Iterable[str]]) -> list[str]:
    """Primary terms of the entries no page mentions (``mentions``: docname -> term ids)."""
    used = {term_id for ids in mentions.values() for term_id in ids}
    return [entry.terms[0] for entry in glossary.entries if entry.id not in used]


def unused_terms_for(app: Sphinx) -> list[str]:
    """``unused_terms`` for a project after it has been read (for ``kb check``)."""
    return unused_terms(runtime(app.env).glossary, get_domain(app.env).mentions)


def setup(app: Sphinx) -> None:
    register_kind(KIND, evaluate, render_placeholder, uses=("articles", "mentions"))
    app.add_transform(GlossaryBacklinksListing)
    app.connect("doctree-resolved", on_doctree_resolved)
