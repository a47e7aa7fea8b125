"""Write time: the links of an auto-linked page, made already resolved
(``autolink`` finds the mentions at read time; ``html_links`` does the same work
inside the HTML translator where it can)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..environment.domain import get_domain
from ..internals.sphinx import builder_of, standard_terms
from .autolink import Linker, LinkMaker
from .hover import TERM_ATTR, kb_term_ref, kb_term_text, translator_links_terms, wants_tips
from .matcher import Target
from .runtime import config_of, runtime

if TYPE_CHECKING:
    from sphinx.builders import Builder


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
