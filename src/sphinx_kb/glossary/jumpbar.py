"""An A–Z bar above the glossary (HTML): one link per initial letter in use.

A glossary of a hundred entries is a long page; the bar takes a reader straight
to the letter.  Each letter links to the first term that starts with it (the
term's own anchor, so nothing new has to be kept in step), and terms that start
with something other than a letter are gathered under "#".  Only the web site
gets the bar: the book is read in order and has an index (EPUB and PDF belong to
the book's own shaping).
"""

from __future__ import annotations

import unicodedata
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from ..nodes import SKIP, handlers
from .runtime import config_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class kb_az(nodes.General, nodes.Element):
    """The bar: ``letters`` is a list of (letter, anchor id)."""


def initial(term: str) -> str:
    """ "A" for "Adaptive", "E" for "Épitope", "#" for "5-FU"."""
    folded = unicodedata.normalize("NFKD", term.strip())[:1].upper()
    return folded if "A" <= folded <= "Z" else "#"


def letters(glossary: addnodes.glossary) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for term in glossary.findall(nodes.term):
        if term["ids"]:
            found.setdefault(initial(term.astext()), term["ids"][0])
    return sorted(found.items(), key=lambda item: (item[0] == "#", item[0]))


def visit_az_html(self: Any, node: kb_az) -> None:
    items = "".join(
        f'<li><a href="#{escape(anchor, quote=True)}">{escape(letter)}</a></li>'
        for letter, anchor in node["letters"]
    )
    self.body.append(f'<nav class="kb-az" aria-label="Glossary, A to Z"><ul>{items}</ul></nav>')
    raise nodes.SkipNode


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    web = app.builder.format == "html" and not app.builder.name.startswith("epub")
    if not web or docname != config_of(app.env).glossary_doc:
        return
    for glossary in list(doctree.findall(addnodes.glossary)):
        found = letters(glossary)
        if len(found) > 1:
            glossary.parent.insert(glossary.parent.index(glossary), kb_az(letters=found))


def setup(app: Sphinx) -> None:
    app.add_node(kb_az, **handlers(SKIP, html=(visit_az_html, None)))
    app.connect("doctree-resolved", on_doctree_resolved)
