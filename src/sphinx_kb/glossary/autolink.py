"""The read-time transform: glossary terms in articles become ``term`` references.

Each link is the node Sphinx's own ``{term}`` role makes (a ``pending_xref`` to
the std ``term`` target holding an ``inline`` with the classes ``xref std
std-term``), so every builder resolves it: a link in HTML, a reference with a
page number in LaTeX.  The transform also records which glossary entries the
article links to, automatically or with an explicit ``{term}`` role, as the
page's mentions (``KBDomain.note_mentions``) for the glossary's backlinks.
Mentions are the linked entries; every mode links each entry found at least
once, so every mode but "off" gives the same backlinks.  A page that opts out
(``glossary: false``), a term in ``kb_glossary_exclude`` and the "off" mode
count through explicit references only.

``kb_glossary_autolink``: "first-per-page" links an entry's first eligible
mention in the article; "first-per-section" its first in each innermost
section; "every" every mention; "off" none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..domain import get_domain
from ..page import kb_tag_badges, kb_time
from .hover import LINK_CLASS, TERM_ATTR, kb_term_text, wants_tips
from .matcher import Matcher
from .runtime import config_of, is_article_doc, runtime

if TYPE_CHECKING:
    from .terms import Glossary

#: Never linked inside these: code, math, raw output, links, headings, existing references.
SKIP_NODES: tuple[type[nodes.Node], ...] = (
    nodes.FixedTextElement,  # literal blocks, math blocks, comments, doctest, raw, ...
    nodes.literal,
    nodes.math,
    nodes.raw,
    nodes.reference,
    nodes.target,
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.problematic,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.Invisible,
    addnodes.pending_xref,
    addnodes.toctree,
    addnodes.glossary,
    addnodes.desc_signature,
    addnodes.download_reference,
    kb_time,
    kb_tag_badges,
)
#: Nor in the byline and lede the article header adds.
SKIP_CLASSES = frozenset({"kb-byline", "kb-lede"})
_FALSE = {"false", "no", "off", "0"}


def page_opted_out(raw_front_matter: dict[str, Any] | None) -> bool:
    """``glossary: false`` in the front matter switches auto-linking off for the page."""
    if not raw_front_matter or "glossary" not in raw_front_matter:
        return False
    value = raw_front_matter["glossary"]
    if isinstance(value, str):
        return value.strip().lower() in _FALSE
    return value is False or value == 0


def make_link(text: str, reftarget: str, term_id: str, docname: str) -> addnodes.pending_xref:
    ref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="term",
        reftarget=reftarget,
        refexplicit=True,
        refwarn=True,
        refdoc=docname,
    )
    inline = kb_term_text(text, text, classes=["xref", "std", "std-term"])
    inline[TERM_ATTR] = term_id
    ref += inline
    return ref


class ResolveAutoLinks(SphinxPostTransform):
    """Resolve the auto links directly, before Sphinx's generic resolver (priority 10).

    The result is what the std domain makes of a ``{term}`` reference
    (``make_refnode`` to the term's anchor), without the generic path's per-node
    copying and dispatch, and with one relative URI per target page instead of
    one per link: a page can hold dozens of auto links.  A link whose term is
    unknown is left to Sphinx, which reports it.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        terms = self.env.domains.standard_domain._terms
        builder = self.env._app.builder  # as Sphinx's own ReferencesResolver gets it
        classes = [LINK_CLASS] if wants_tips(builder) else []
        uris: dict[str, str | None] = {}
        for ref in list(self.document.findall(addnodes.pending_xref)):
            if not ref.children or not isinstance(ref[0], kb_term_text):
                continue
            found = terms.get(ref["reftarget"].lower())
            if found is None:
                continue
            todoc, labelid = found
            fromdoc = ref["refdoc"]
            refnode = nodes.reference("", "", internal=True, classes=list(classes))
            if todoc == fromdoc:
                refnode["refid"] = labelid
            else:
                if todoc not in uris:
                    try:
                        uris[todoc] = builder.get_relative_uri(fromdoc, todoc)
                    except NoUri:
                        uris[todoc] = None
                uri = uris[todoc]
                if uri is None:
                    continue
                refnode["refuri"] = f"{uri}#{labelid}"
            refnode += ref[0]
            ref.replace_self(refnode)


class Linker:
    """Walks a doctree in order, replacing runs of text with text and links."""

    def __init__(self, matcher: Matcher, mode: str, docname: str) -> None:
        self.matcher = matcher
        self.mode = mode
        self.docname = docname
        self.linked: set[str] = set()
        self._seen: dict[int, set[str]] = {}

    def _should_link(self, term_id: str, section: int) -> bool:
        if self.mode == "every":
            return True
        scope = section if self.mode == "first-per-section" else 0
        seen = self._seen.setdefault(scope, set())
        if term_id in seen:
            return False
        seen.add(term_id)
        return True

    def walk(self, node: nodes.Element, section: int = 0) -> None:
        if isinstance(node, nodes.section):
            section = id(node)
        changed = False
        new_children: list[nodes.Node] = []
        run: list[nodes.Text] = []
        for child in node.children:
            if isinstance(child, nodes.Text):
                run.append(child)
                continue
            if run:
                changed |= self._flush(run, new_children, node, section)
                run = []
            new_children.append(child)
            if isinstance(child, nodes.Element) and not _skipped(child):
                self.walk(child, section)
        if run:
            changed |= self._flush(run, new_children, node, section)
        if changed:
            node[:] = new_children

    def _flush(
        self, run: list[nodes.Text], out: list[nodes.Node], parent: nodes.Element, section: int
    ) -> bool:
        # Adjacent Text nodes (MyST makes one per source line) are matched as one text,
        # so a term broken across lines is still found.
        text = "".join(str(t) for t in run)
        matches = self.matcher.find(text.replace("\n", " "))
        pieces: list[nodes.Node] = []
        position = 0
        for match in matches:
            if not self._should_link(match.target.term_id, section):
                continue
            if match.start > position:
                pieces.append(nodes.Text(text[position : match.start]))
            ref = make_link(
                text[match.start : match.end],
                match.target.reftarget,
                match.target.term_id,
                self.docname,
            )
            ref.source, ref.line = parent.source, parent.line
            pieces.append(ref)
            self.linked.add(match.target.term_id)
            position = match.end
        if not pieces:
            out.extend(run)
            return False
        if position < len(text):
            pieces.append(nodes.Text(text[position:]))
        out.extend(pieces)
        return True


def _skipped(node: nodes.Element) -> bool:
    return isinstance(node, SKIP_NODES) or not SKIP_CLASSES.isdisjoint(node.get("classes", ()))


def explicit_mentions(doctree: nodes.Node, glossary: Glossary) -> set[str]:
    """Entries the page links to with ``{term}`` (any term line resolves to its entry)."""
    found: set[str] = set()
    for ref in doctree.findall(addnodes.pending_xref):
        if ref.get("refdomain") == "std" and ref.get("reftype") == "term":
            entry = glossary.entry_for(ref.get("reftarget", ""))
            if entry is not None:
                found.add(entry.id)
    return found


class GlossaryAutolink(SphinxTransform):
    """Links glossary terms in articles and records the page's mentions."""

    # After the article header (500) adds the byline and lede, and after
    # SmartQuotes (750), so the text matched is the text shown.
    default_priority = 760

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        config = config_of(self.env)
        if not is_article_doc(config, docname):
            return
        glossary_runtime = runtime(self.env)
        # Explicit references first, so the auto links counted below are not counted twice.
        mentions = explicit_mentions(self.document, glossary_runtime.glossary)
        mode = config.glossary_autolink
        data = self.env.temp_data.get("kb_article")
        raw = data[2] if data else None
        if mode != "off" and not page_opted_out(raw) and glossary_runtime.matcher:
            linker = Linker(glossary_runtime.matcher, mode, docname)
            linker.walk(self.document)
            mentions |= linker.linked
        get_domain(self.env).note_mentions(docname, tuple(sorted(mentions)))
