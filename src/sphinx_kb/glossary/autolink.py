"""Glossary terms in articles become links to their definitions.

Two passes over the same text with the same matcher:

* at read time (``GlossaryAutolink``) the article's mentions are only *found*:
  the glossary entries it would link, automatically or with an explicit
  ``{term}`` role, are recorded (``KBDomain.process_doc``) for the glossary's
  backlinks, with whether the page is auto-linked at all;
* at write time (``LinkTerms``, a post-transform) the links are made, already
  resolved: a ``reference`` to the term's anchor, as the std domain makes of a
  ``{term}`` role, holding a ``kb_term_text``.

Making the links at write time keeps them out of the pickled doctrees and out
of the doctrees Sphinx holds in memory between reading and writing: at ~30
links per article they weighed heavily on the build's peak memory.

Mentions are the linked entries; every mode links each entry found at least
once, so every mode but "off" gives the same backlinks.  A page that opts out
(``glossary: false``), a term in ``kb_glossary_exclude`` and the "off" mode
count through explicit references only.

``kb_glossary_autolink``: "first-per-page" links an entry's first eligible
mention in the article; "first-per-section" its first in each innermost
section; "every" every mention; "off" none.  ``kb_glossary_max_links`` caps the
links in one paragraph (a mention left unlinked by it stays eligible later), so a
dense paragraph does not read as a list of links; mentions for the backlinks are
found without that cap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..articles.source import ARTICLE_KEY
from ..environment.domain import MENTIONS_KEY, get_domain
from ..internals.sphinx import builder_of, standard_terms
from ..nodes import kb_tag_badges, kb_time
from .hover import TERM_ATTR, kb_term_ref, kb_term_text, translator_links_terms, wants_tips
from .matcher import Match, Matcher, Target
from .runtime import config_of, runtime

if TYPE_CHECKING:
    from sphinx.builders import Builder

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
    addnodes.start_of_file,  # another page, in a book assembled from many (LaTeX)
    kb_time,
    kb_tag_badges,
)
#: Nor in the byline, lede, references and review note the article header adds, nor
#: in generated listings
#: ("no-search": related articles, article lists), which are not the article's text.
SKIP_CLASSES = frozenset({"kb-byline", "kb-lede", "no-search", "kb-references", "kb-review"})
_FALSE = {"false", "no", "off", "0"}


def page_opted_out(raw_front_matter: dict[str, Any] | None) -> bool:
    """``glossary: false`` in the front matter switches auto-linking off for the page."""
    if not raw_front_matter or "glossary" not in raw_front_matter:
        return False
    value = raw_front_matter["glossary"]
    if isinstance(value, str):
        return value.strip().lower() in _FALSE
    return value is False or value == 0


#: Makes the link for a match (text, target), or None where the term has no target.
LinkMaker = Callable[[str, Target], nodes.Node | None]


class Linker:
    """Walks a doctree in order, finding terms and, given a ``make``, linking them."""

    def __init__(
        self, matcher: Matcher, mode: str, make: LinkMaker | None = None, max_links: int = 0
    ) -> None:
        self.matcher = matcher
        self.mode = mode
        self.make = make
        #: Most links in one block (paragraph, list item's paragraph, ...); 0: no limit.
        self.max_links = max_links
        self.linked: set[str] = set()
        self._seen: dict[int, set[str]] = {}
        self._per_block: dict[int, int] = {}

    def _should_link(self, term_id: str, section: int, block: int) -> bool:
        # A term left unlinked because its block is full stays eligible further on.
        if self.max_links and self._per_block.get(block, 0) >= self.max_links:
            return False
        if self.mode != "every":
            scope = section if self.mode == "first-per-section" else 0
            seen = self._seen.setdefault(scope, set())
            if term_id in seen:
                return False
            seen.add(term_id)
        self._per_block[block] = self._per_block.get(block, 0) + 1
        return True

    def walk(self, node: nodes.Element, section: int = 0, block: int = 0) -> None:
        if isinstance(node, nodes.section):
            section = id(node)
        if is_block(node):
            block = id(node)
        changed = False
        new_children: list[nodes.Node] = []
        run: list[nodes.Text] = []
        for child in node.children:
            if isinstance(child, nodes.Text):
                run.append(child)
                continue
            if run:
                changed |= self._flush(run, new_children, section, block)
                run = []
            new_children.append(child)
            if isinstance(child, nodes.Element) and not skipped(child):
                self.walk(child, section, block)
        if run:
            changed |= self._flush(run, new_children, section, block)
        if changed:
            node[:] = new_children

    def pick(self, text: str, section: int, block: int = 0) -> list[Match]:
        """The matches in ``text`` to link, in order; each is recorded as linked."""
        picked: list[Match] = []
        for match in self.matcher.find(text.replace("\n", " ")):
            if self._should_link(match.target.term_id, section, block):
                self.linked.add(match.target.term_id)
                picked.append(match)
        return picked

    def _flush(
        self, run: list[nodes.Text], out: list[nodes.Node], section: int, block: int
    ) -> bool:
        # Adjacent Text nodes (MyST makes one per source line) are matched as one text,
        # so a term broken across lines is still found.
        text = run[0] if len(run) == 1 else "".join(run)
        picked = self.pick(text, section, block)
        if self.make is None:
            return False
        pieces: list[nodes.Node] = []
        position = 0
        for match in picked:
            link = self.make(text[match.start : match.end], match.target)
            if link is None:
                continue
            if match.start > position:
                pieces.append(nodes.Text(text[position : match.start]))
            pieces.append(link)
            position = match.end
        if not pieces:
            out.extend(run)
            return False
        if position < len(text):
            pieces.append(nodes.Text(text[position:]))
        out.extend(pieces)
        return True


def is_block(node: nodes.Node) -> bool:
    """A block of text (paragraph, term, caption...) whose links the limit counts."""
    return isinstance(node, nodes.TextElement) and not isinstance(node, nodes.Inline)


def skipped(node: nodes.Element) -> bool:
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
    """Read time: records the page's mentions, and whether it is auto-linked."""

    # After the article header (500) adds the byline and lede, and after
    # SmartQuotes (750), so the text matched is the text shown.
    default_priority = 760

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        config = config_of(self.env)
        if not config.is_article(docname):
            return
        glossary_runtime = runtime(self.env)
        mentions = explicit_mentions(self.document, glossary_runtime.glossary)
        mode = config.glossary_autolink
        data = self.env.temp_data.get(ARTICLE_KEY)
        raw = data[2].data if data else None
        linked = mode != "off" and not page_opted_out(raw) and bool(glossary_runtime.matcher)
        if linked:
            finder = Linker(glossary_runtime.matcher, mode)
            finder.walk(self.document)
            mentions |= finder.linked
        # Collected by the kb domain (KBDomain.process_doc).
        self.env.temp_data[MENTIONS_KEY] = (tuple(sorted(mentions)), linked)


class LinkTerms(SphinxPostTransform):
    """Write time: links the terms of an auto-linked page, already resolved.

    Runs before Sphinx's generic resolver (priority 10) and skips its pending
    references, so explicit ``{term}`` roles are left to it.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        if translator_links_terms(builder_of(self.env)):
            return  # the HTML translator links the page (html_links)
        domain = get_domain(self.env)
        pages: list[tuple[str, nodes.Element]] = [(self.env.docname, self.document)]
        # LaTeX and single-page HTML resolve one tree assembled from every page.
        pages += [(n["docname"], n) for n in self.document.findall(addnodes.start_of_file)]
        mode = config_of(self.env).glossary_autolink
        for docname, root in pages:
            if domain.is_autolinked(docname):
                limit = config_of(self.env).glossary_max_links
                Linker(runtime(self.env).matcher, mode, self._maker(docname), limit).walk(root)

    def _maker(self, docname: str) -> LinkMaker:
        builder = builder_of(self.env)
        targets = TermTargets(builder, docname)
        tips = wants_tips(builder)

        def make(text: str, target: Target) -> nodes.Node | None:
            found = targets.resolve(target)
            if found is None:
                return None
            if tips:  # written as the HTML translator writes it (hover.term_link_html)
                href = f"#{found[1]}" if found[0] == "refid" else found[1]
                return kb_term_ref(text, text, href=href, **{TERM_ATTR: target.term_id})
            ref = nodes.reference("", "", internal=True)
            ref[found[0]] = found[1]
            inline = kb_term_text(text, text, classes=["xref", "std", "std-term"])
            inline[TERM_ATTR] = target.term_id
            ref += inline
            return ref

        return make


class TermTargets:
    """Where a page's term links go: ``("refid", anchor)`` on the glossary page
    itself, ``("refuri", uri#anchor)`` elsewhere, None where the term has no
    target or the builder no URI.  One relative URI per target page, not per link:
    a page holds dozens of links."""

    def __init__(self, builder: Builder, docname: str) -> None:
        self.builder = builder
        self.docname = docname
        self.terms = standard_terms(builder.env)
        self._uris: dict[str, str | None] = {}

    def resolve(self, target: Target) -> tuple[str, str] | None:
        found = self.terms.get(target.reftarget.lower())
        if found is None:
            return None
        todoc, labelid = found
        if todoc == self.docname:
            return "refid", labelid
        if todoc not in self._uris:
            try:
                self._uris[todoc] = self.builder.get_relative_uri(self.docname, todoc)
            except NoUri:
                self._uris[todoc] = None
        uri = self._uris[todoc]
        return None if uri is None else ("refuri", f"{uri}#{labelid}")
