"""Page numbers for glossary terms in the printed book (``kb_pdf_term_pages``).

Sphinx gives term links no page number.  Printed after every linked term,
"(page N)" crowds a page (every first mention of a term is linked), so by default
each article ends with one short note instead: its glossary words, A to Z,
each with the page that explains it.  In the text the terms stay links (in
Sphinx's term style), and the glossary's introduction says so.

* ``"note"``: that note, after each article; other pages (the introduction)
  number a term's first mention in the text.
* ``"inline"``: "(page N)" after the first mention of each term in each page.
* ``"off"``: no page numbers for terms.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

TERM_PAGES = "kb-term-pages"
NOTE_LEAD = "In the glossary: "


class kb_pageref(nodes.Inline, nodes.Element):
    """The page of a label: "(page N)" after a term link, or "p. N" in a note."""


def visit_kb_pageref_latex(self: Any, node: kb_pageref) -> None:
    # The translator's own escaping, so the label matches the term's \label exactly.
    if node.get("short"):
        self.body.append(rf"~p.\,\pageref{{{self.idescape(node['refid'])}}}")
    else:
        self.body.append(rf"~({self.hyperpageref(node['refid'])})")
    raise nodes.SkipNode


def _document_of(node: nodes.Node) -> addnodes.start_of_file | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, addnodes.start_of_file):
        parent = parent.parent
    return parent


def _term_links(doctree: nodes.document, root: str) -> list[tuple[nodes.reference, str, str]]:
    """(link, document, label) for each link to a term defined on another page."""
    found = []
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        first = ref.children[0] if ref.children else None
        if not uri.startswith("%") or not isinstance(first, nodes.Element):
            continue
        if "std-term" not in first["classes"] or isinstance(ref.parent, nodes.title):
            continue
        target_doc, _hash, anchor = uri[1:].partition("#")
        sof = _document_of(ref)
        docname = sof["docname"] if sof is not None else root
        if anchor and target_doc != docname:
            found.append((ref, docname, f"{target_doc}:{anchor}"))
    return found


def _term_names(env: BuildEnvironment) -> dict[str, str]:
    """``docname:label`` -> the term as the glossary prints it."""
    objects = env.get_domain("std").objects  # type: ignore[attr-defined]
    return {f"{doc}:{lbl}": name for (kind, name), (doc, lbl) in objects.items() if kind == "term"}


def term_pages(
    env: BuildEnvironment, doctree: nodes.document, root: str, mode: str, articles_dir: str
) -> None:
    if mode == "off":
        return
    seen: set[tuple[str, str]] = set()
    notes: dict[str, dict[str, str]] = {}
    for ref, docname, label in _term_links(doctree, root):
        if (docname, label) in seen:
            continue
        seen.add((docname, label))
        if mode == "note" and docname.startswith(articles_dir + "/"):
            notes.setdefault(docname, {})[label] = ""
            continue
        ref.parent.insert(ref.parent.index(ref) + 1, kb_pageref(refid=label))
    if not notes:
        return
    names = _term_names(env)
    for sof in doctree.findall(addnodes.start_of_file):
        labels = notes.get(sof["docname"])
        section = next((c for c in sof.children if isinstance(c, nodes.section)), None)
        if labels and section is not None:
            section += _note(sorted(labels, key=lambda lb: names.get(lb, lb).casefold()), names)


def _note(labels: list[str], names: dict[str, str]) -> nodes.container:
    para = nodes.paragraph("", "", nodes.strong(NOTE_LEAD, NOTE_LEAD))
    for index, label in enumerate(labels):
        if index:
            para += nodes.Text(" · ")
        name = names.get(label, label.rpartition(":")[2])
        para += nodes.inline(name, name)
        para += kb_pageref(refid=label, short=True)
    return nodes.container("", para, classes=[TERM_PAGES])
