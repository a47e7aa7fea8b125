"""Hover definitions: a CSS-only tooltip inside each auto-linked term (HTML only).

An auto link's text is a ``kb_term_text`` node (an ``inline`` carrying its
entry's id).  When the link resolves, the reference gets the class
``kb-term-link``; the HTML writer then closes the term's ``<span>`` and writes,
still inside the ``<a>``, a ``<span role="tooltip">`` holding the entry's
summary, escaped.  ``kb-glossary.css`` shows it on ``:hover`` and ``:focus``;
without CSS or JavaScript the link still goes to the definition.

The tip is written by the translator rather than added as nodes: a page holds
dozens of auto links, and nodes would be made, pickled, walked and indexed for
search on every page.  Other builders (LaTeX, EPUB, text) write the term as a
plain inline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from ..nodes import INLINE, handlers
from .runtime import runtime

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

LINK_CLASS = "kb-term-link"
TIP_CLASS = "kb-term-tip"
#: Attribute on the link's text: the entry id (the hover and tests find links by it).
TERM_ATTR = "kb_term"


class kb_term_text(nodes.inline):
    """The text of an auto-linked term; its entry id is in ``TERM_ATTR``."""


def wants_tips(builder: Builder) -> bool:
    # EPUB is HTML too, but readers handle absolutely placed popups badly.
    return builder.format == "html" and not builder.name.startswith("epub")


#: Set on a translator class that links terms itself (``html_links``).
LINKS_TERMS = "kb_links_terms"


def links_while_writing(builder: Builder) -> bool:
    """Whether the builder's translator can link terms as it writes each page
    (``html_links``): HTML builders that write one file per page.  A single-page
    or LaTeX build links in the assembled tree instead (``autolink.LinkTerms``)."""
    return builder.format == "html" and not isinstance(builder, SingleFileHTMLBuilder)


def translator_links_terms(builder: Builder) -> bool:
    """Whether the translator this builder will use links terms itself: asked of the
    class actually in use, in case another extension replaced ours."""
    return bool(getattr(builder.get_translator_class(), LINKS_TERMS, False))


def tip_html(encode: Callable[[str], str], text: str) -> str:
    """The tooltip written inside a term link.  "no-search": Sphinx's indexer reads
    doctrees, so the tip is never a word of the page anyway."""
    return f'<span class="{TIP_CLASS} no-search" role="tooltip">{encode(text)}</span>'


def visit_term_html(self: Any, node: kb_term_text) -> None:
    self.visit_inline(node)


def depart_term_html(self: Any, node: kb_term_text) -> None:
    self.depart_inline(node)
    parent = node.parent
    if not isinstance(parent, nodes.reference) or LINK_CLASS not in parent["classes"]:
        return  # unresolved, or a builder without tips: nothing to hover
    text = runtime(self.builder.env).tips.get(node.get(TERM_ATTR, ""), "")
    if text:
        self.body.append(tip_html(self.encode, text))


def setup(app: Sphinx) -> None:
    app.add_node(kb_term_text, **handlers(INLINE, html=(visit_term_html, depart_term_html)))
    app.add_css_file("kb-glossary.css")
