"""Glossary entries as search results of their own.

Each entry becomes a small HTML page handed to Pagefind beside the site's pages
(never written to the site): the term is the result's title, its term lines
(synonyms, abbreviations) weigh as a heading does, the definition is searchable
text and the result's snippet (``definition`` metadata), and a ``link`` metadata
field points at the term's anchor on the glossary page, which the search page
uses instead of the record's own address.  Entries come from
the glossary page's doctree as Sphinx parsed it, so the anchors are Sphinx's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: Weight of the term and its synonyms (Pagefind: h1 = 7, body text = 1).
NAME_WEIGHT = 7
#: Weight of the definition's words.
DEFINITION_WEIGHT = 0.5
#: Folder of the term pages inside the staging tree (their addresses are never shown).
FOLDER = "_kb_terms"


@dataclass(frozen=True)
class TermRecord:
    term: str
    synonyms: tuple[str, ...]
    definition: str
    #: The term's address relative to the site root: the glossary page and anchor.
    link: str


def _text(node: nodes.Node) -> str:
    return " ".join(node.astext().split())


def term_records(builder: Builder, glossary_doc: str) -> list[TermRecord]:
    """Every entry of every glossary on ``glossary_doc``, in page order."""
    env = builder.env
    if glossary_doc not in env.all_docs:
        return []
    page = builder.get_target_uri(glossary_doc)
    records = []
    doctree = env.get_doctree(glossary_doc)
    glossaries = doctree.findall(addnodes.glossary)
    for item in (i for g in glossaries for i in g.findall(nodes.definition_list_item)):
        terms = [t for t in item.children if isinstance(t, nodes.term)]
        definition = next((d for d in item.children if isinstance(d, nodes.definition)), None)
        if not terms or definition is None or not terms[0]["ids"]:
            continue
        records.append(
            TermRecord(
                term=_text(terms[0]),
                synonyms=tuple(_text(t) for t in terms[1:]),
                definition=_text(definition),
                link=f"{page}#{terms[0]['ids'][0]}",
            )
        )
    return records


def term_html(record: TermRecord, language: str) -> str:
    """The page Pagefind indexes for one entry (every value escaped: glossaries are input)."""
    title = escape(record.term, quote=True)
    names = escape(" · ".join((record.term, *record.synonyms)))
    definition = escape(record.definition)
    return (
        f'<!doctype html><html lang="{escape(language, quote=True)}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>"
        '<div data-pagefind-body data-kb-kind="glossary" data-pagefind-filter="kind[data-kb-kind]"'
        f' data-kb-title="{title}" data-kb-link="{escape(record.link, quote=True)}"'
        f' data-kb-definition="{escape(record.definition, quote=True)}"'
        ' data-pagefind-meta="title[data-kb-title], link[data-kb-link],'
        ' definition[data-kb-definition]">'
        # The names weigh as a heading does: the entry is what a search for its name
        # is after.  Its short definition would otherwise outrank the articles that
        # merely mention a word of it, so it weighs less than their text.  The result
        # shows the definition (metadata), not this text.
        f'<p data-pagefind-weight="{NAME_WEIGHT}">{names}</p>'
        f'<p data-pagefind-weight="{DEFINITION_WEIGHT}">{definition}</p></div>'
        "</body></html>\n"
    )
