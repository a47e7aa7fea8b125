"""Glossary entries as search results of their own.

Each entry becomes a result beside the site's pages: the term is the result's
title, its term lines (synonyms, abbreviations) weigh as the title does, the
definition is searchable text (weighing less than an article's, or every short
definition that mentions a word would outrank the articles about it) and the
result's snippet, and the result links to the term's anchor on the glossary page.
Entries come from the glossary page's doctree as Sphinx parsed it, so the anchors
are Sphinx's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.builders import Builder


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
