"""HTML builders link glossary terms while writing each page.

The translator of an HTML builder that writes one file per page is wrapped at
``builder-inited``: its ``visit_Text`` finds terms in the article's text with the
matcher the read-time finder used, and writes each link as markup (the anchor,
the term and its hover tip) instead of the post-transform making three nodes per
link that are then walked and translated.  It gives exactly the HTML of
``autolink.LinkTerms``: the same texts, skips, modes and targets (the tests
compare both).

Why here: a parallel build (``-j``) resolves every page in its main process, one
after another, and only translates and writes them in workers; linking during
translation moves it into the workers.  It also costs less than the nodes did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..environment.domain import get_domain
from ..internals import fast_paths
from .autolink import Linker, TermTargets, is_block, skipped
from .hover import (
    LINKS_TERMS,
    links_while_writing,
    term_link_html,
    translator_links_terms,
    wants_tips,
)
from .runtime import config_of, runtime

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .matcher import Target


#: id(parent) -> (the parent, kept so its id is not reused; {id(child): index}).
_Positions = dict[int, tuple[nodes.Element, dict[int, int]]]


@dataclass
class _PageLinks:
    """What one page's translator needs, made at ``visit_document``."""

    linker: Linker
    targets: TermTargets
    tips: dict[str, str]
    with_tips: bool
    #: Text nodes already written as part of a run that began before them.
    done: set[int] = field(default_factory=set)
    #: Each parent's child indexes, made once: looking every text up among its
    #: siblings made a paragraph of many short runs quadratic.
    positions: _Positions = field(default_factory=dict)


class TermLinkingMixin:
    """Mixed into the builder's translator class (see ``wrap_translator``)."""

    _kb_links: _PageLinks | None = None
    #: Whether this translator may link: it walks a document.
    _kb_linking = False

    def visit_document(self, node: nodes.document) -> None:
        super().visit_document(node)  # type: ignore[misc]
        # Set up at the first text worth linking: Sphinx also walks a document for
        # each title and table of contents it renders for the template
        # (``render_partial``), and those hold no such text.
        self._kb_linking = True
        self._kb_links = None

    def visit_Text(self, node: nodes.Text) -> None:
        page = self._kb_links
        if not self._kb_linking or self.protect_literal_text:  # type: ignore[attr-defined]
            super().visit_Text(node)  # type: ignore[misc]
            return
        if page is not None and id(node) in page.done:
            return
        place = _section_if_linkable(node)
        if place is None:
            super().visit_Text(node)  # type: ignore[misc]
            return
        if page is None:
            page = self._kb_links = _page_links(self.builder)  # type: ignore[attr-defined]
            if page is None:  # not an auto-linked article
                self._kb_linking = False
                super().visit_Text(node)  # type: ignore[misc]
                return
        run = _text_run(node, page.positions)
        page.done.update(id(text) for text in run[1:])
        text = run[0] if len(run) == 1 else "".join(run)
        position = 0
        out: list[str] = []
        for match in page.linker.pick(text, *place):
            link = self._kb_link(page, text[match.start : match.end], match.target)
            if link is None:
                continue
            out.append(self.encode(text[position : match.start]))  # type: ignore[attr-defined]
            out.append(link)
            position = match.end
        out.append(self.encode(text[position:]))  # type: ignore[attr-defined]
        self.body.extend(out)  # type: ignore[attr-defined]

    def _kb_link(self, page: _PageLinks, text: str, target: Target) -> str | None:
        # The markup Sphinx writes for a resolved reference holding a kb_term_text.
        found = page.targets.resolve(target)
        if found is None:
            return None
        kind, value = found
        href = f"#{value}" if kind == "refid" else value
        tip = page.tips.get(target.term_id, "") if page.with_tips else ""
        return term_link_html(self, href, text, tip)


def _page_links(builder: Builder) -> _PageLinks | None:
    env = builder.env
    docname = getattr(builder, "current_docname", "")
    if not docname or not get_domain(env).is_autolinked(docname):
        return None
    current = runtime(env)
    config = config_of(env)
    return _PageLinks(
        linker=Linker(
            current.matcher, config_of(env).glossary_autolink, max_links=config.glossary_max_links
        ),
        targets=TermTargets(builder, docname),
        tips=current.tips,
        with_tips=wants_tips(builder),
    )


def _section_if_linkable(node: nodes.Node) -> tuple[int, int] | None:
    """The ids of the innermost section and text block holding ``node`` (0 where
    there is none, as ``Linker.walk`` counts them), or None inside a skipped element."""
    section = block = 0
    parent = node.parent
    while parent is not None:
        if skipped(parent):
            return None
        if not section and isinstance(parent, nodes.section):
            section = id(parent)
        if not block and is_block(parent):
            block = id(parent)
        parent = parent.parent
    return section, block


def _text_run(node: nodes.Text, positions: _Positions) -> list[nodes.Text]:
    """``node`` and the Text siblings right after it (MyST makes one per source
    line): matched as one text, as the post-transform does.  ``positions`` caches
    each parent's child indexes (the translator does not change the tree)."""
    parent = node.parent
    cached = positions.get(id(parent))
    if cached is None or cached[0] is not parent:
        cached = positions[id(parent)] = (parent, {id(c): i for i, c in enumerate(parent)})
    siblings = parent.children
    run = [node]
    index = cached[1][id(node)] + 1
    while index < len(siblings) and isinstance(siblings[index], nodes.Text):
        run.append(siblings[index])
        index += 1
    return run


def wrap_translator(app: Sphinx) -> None:
    """Give the builder a translator that links terms (``builder-inited``)."""
    builder = app.builder
    if not links_while_writing(builder) or config_of(app.env).glossary_autolink == "off":
        return
    if not fast_paths(app):
        return  # autolink.LinkTerms links the resolved tree instead
    base: Any = app.registry.get_translator_class(builder)
    if base is None or issubclass(base, TermLinkingMixin):
        return
    linking = type(
        base.__name__, (TermLinkingMixin, base), {"__module__": __name__, LINKS_TERMS: True}
    )
    app.registry.add_translator(builder.name, linking, override=True)


def build_matcher(app: Sphinx, builder: Builder) -> None:
    """``write-started``: with ``-j`` each batch of pages is written in a process
    forked from this one, so the matcher is made here once, not in every batch."""
    if app.parallel > 1 and translator_links_terms(builder):
        runtime(builder.env).matcher  # noqa: B018 - built and cached before forking


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", wrap_translator)
    app.connect("write-started", build_matcher)
