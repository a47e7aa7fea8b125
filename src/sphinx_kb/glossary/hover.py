"""Hover definitions: a CSS-only tooltip inside each auto-linked term (HTML only).

At ``doctree-resolved`` the auto links are references; each gets the class
``kb-term-link`` and, inside it, a ``kb_term_tip`` node holding its entry's
summary as plain text (so the writer escapes it).  ``kb-glossary.css`` shows the
tip on ``:hover`` and ``:focus``; without CSS or JavaScript the link still goes
to the definition.  Other builders (LaTeX, EPUB, text) never get the node, and
skip it should one reach them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..visitors import SKIP, handlers
from .autolink import TERM_ATTR
from .runtime import runtime

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

LINK_CLASS = "kb-term-link"
TIP_CLASS = "kb-term-tip"


class kb_term_tip(nodes.inline):
    """A term's short definition shown when its link is hovered or focused."""


def visit_tip_html(self: Any, node: kb_term_tip) -> None:
    self.body.append(self.starttag(node, "span", "", role="tooltip"))


def depart_tip_html(self: Any, node: kb_term_tip) -> None:
    self.body.append("</span>")


def wants_tips(builder: Builder) -> bool:
    # EPUB is HTML too, but readers handle absolutely placed popups badly.
    return builder.format == "html" and not builder.name.startswith("epub")


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not wants_tips(app.builder):
        return
    tips = runtime(app.env).tips
    for inline in list(doctree.findall(nodes.inline)):
        term_id = inline.get(TERM_ATTR)
        reference = inline.parent
        if not term_id or not isinstance(reference, nodes.reference):
            continue  # unresolved, so there is nothing to hover
        text = tips.get(term_id, "")
        if not text or any(isinstance(n, kb_term_tip) for n in reference.children):
            continue
        reference["classes"].append(LINK_CLASS)
        # "no-search": the definition is not a word of this page for the search index.
        reference += kb_term_tip("", "", nodes.Text(text), classes=[TIP_CLASS, "no-search"])


def setup(app: Sphinx) -> None:
    app.add_node(kb_term_tip, **handlers(SKIP, html=(visit_tip_html, depart_tip_html)))
    app.add_css_file("kb-glossary.css")
    # After the references are resolved; late, so other handlers see the plain link.
    app.connect("doctree-resolved", on_doctree_resolved, priority=800)
