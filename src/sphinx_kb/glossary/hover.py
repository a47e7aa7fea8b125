"""Hover definitions: a CSS-first tooltip next to each auto-linked term (HTML only).

Each auto link is written as::

    <span class="kb-term"><a class="kb-term-link" href="…" aria-describedby="kb-tip-3">
      <span class="xref std std-term">term</span></a><span class="kb-term-tip"
      role="tooltip" id="kb-tip-3">summary</span></span>

The tip is the link's *description*, never part of its name, and sits beside the
link (inside the wrapper) so the pointer can move onto it without it vanishing.
``kb-glossary.css`` shows it while the wrapper is hovered or holds focus;
``kb-glossary.js`` adds what CSS cannot (WCAG 1.4.13): Escape dismisses it, it is
kept inside the window, and on touch screens a first tap shows it (a second tap
follows the link) instead of jumping to the glossary.  Without CSS or JavaScript
the link still goes to the definition.

The HTML translator writes the markup (``html_links``); the post-transform makes a
``kb_term_ref`` node that writes the same markup (single-page HTML).  Other
builders (LaTeX, EPUB, text) get a plain reference holding a ``kb_term_text``.
"""

from __future__ import annotations

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
    or LaTeX build links in the assembled tree instead (``term_links.LinkTerms``)."""
    return builder.format == "html" and not isinstance(builder, SingleFileHTMLBuilder)


def translator_links_terms(builder: Builder) -> bool:
    """Whether the translator this builder will use links terms itself: asked of the
    class actually in use, in case another extension replaced ours."""
    return bool(getattr(builder.get_translator_class(), LINKS_TERMS, False))


class kb_term_ref(nodes.Inline, nodes.TextElement):
    """A resolved auto link with its tip (HTML builders with tips): ``href`` and
    ``TERM_ATTR`` attributes, the term's text as its child."""


def term_link_html(translator: Any, href: str, text: str, tip: str) -> str:
    """The markup of one term link and its tip; ids are numbered per page."""
    encode = translator.encode
    term = f'<span class="xref std std-term">{encode(text)}</span>'
    if not tip:
        return f'<a class="reference internal" href="{translator.attval(href)}">{term}</a>'
    number = getattr(translator, "_kb_tips", 0) + 1
    translator._kb_tips = number
    tip_id = f"kb-tip-{number}"
    # "no-search": never a word of the page for sphinx-kb's index (outputs/search/extract)
    # nor Sphinx's; data-pagefind-ignore does the same for a Pagefind run on the site.
    return (
        f'<span class="kb-term"><a class="{LINK_CLASS} reference internal" '
        f'href="{translator.attval(href)}" aria-describedby="{tip_id}">{term}</a>'
        f'<span class="{TIP_CLASS} no-search" role="tooltip" id="{tip_id}" '
        f"data-pagefind-ignore>{encode(tip)}</span></span>"
    )


def visit_term_ref_html(self: Any, node: kb_term_ref) -> None:
    tip = runtime(self.builder.env).tips.get(node.get(TERM_ATTR, ""), "")
    self.body.append(term_link_html(self, node["href"], node.astext(), tip))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_node(kb_term_text, **handlers(INLINE))
    app.add_node(kb_term_ref, **handlers(INLINE, html=(visit_term_ref_html, None)))
    app.add_css_file("kb-glossary.css")
    app.add_js_file("kb-glossary.js", loading_method="defer")
