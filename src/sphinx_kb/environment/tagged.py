"""Read time: cross-references of every page, and pages tagged with sphinx-tags' directive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..articles.header import is_article
from . import xrefs
from .domain import TaggedPage, get_domain
from .state import kb_state, reset_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def on_builder_inited(app: Sphinx) -> None:
    reset_state(app)  # fresh state for every build


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Record cross-references, and pages tagged with sphinx-tags' own directive."""
    docname = app.env.docname
    article = is_article(app, docname)
    # Articles' term links are kept right by the glossary's own digests (any change
    # to the terms re-reads every article), which also saves work on large sites.
    xrefs.collect(app.env, docname, doctree, terms=not article)
    if article:
        return
    tags = app.env.metadata.get(docname, {}).get("tags")
    if not isinstance(tags, list) or not tags:
        return
    state = kb_state(app)
    if state.vocabulary_path is not None:
        # Aliases resolve these tags: a vocabulary edit must re-read the page.
        app.env.note_dependency(str(state.vocabulary_path))
    keys = state.vocabulary.keys(tags)
    section = doctree.next_node(nodes.section)
    title = section[0].astext() if section is not None and len(section) else docname
    get_domain(app.env).note_tagged(TaggedPage(docname, title, keys))
