"""Links, images and page refreshes with a URL the policy refuses, taken out of every
page (articles and every other page) before anything is written.

Content can put a URL into a page in many ways besides raw HTML (which
:mod:`.sanitize` cleans): Markdown and rST links, ``{image}``/``{figure}``
``:target:``, sphinx-design's ``{button-link}`` and ``{card}`` ``:link:``, image
sources, ``.. meta::`` ``http-equiv=refresh``.  Each becomes a docutils node here,
so one transform sees them all: a link keeps its text and loses its target, an
image is replaced by its alt text, a refresh is dropped; each with one warning
naming the file and line (see :func:`.url_policy.refused`).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .url_policy import describe, is_safe_url, refused

logger = logging.getLogger(__name__)


def _meta_nodes() -> tuple[type[nodes.Element], ...]:
    # docutils >= 0.18 has nodes.meta; Sphinx kept an addnodes.meta for older ones.
    kinds: list[type[nodes.Element]] = []
    if hasattr(nodes, "meta"):
        kinds.append(nodes.meta)
    from sphinx import addnodes

    if hasattr(addnodes, "meta"):
        kinds.append(addnodes.meta)
    return tuple(kinds)


class RemoveUnsafeURLs(SphinxTransform):
    """Script, data and file URLs out of links, images and meta refreshes, on every page."""

    # Before DoctreeReadEvent (880), where Sphinx collects images to copy.
    default_priority = 865

    def apply(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            uri = ref.get("refuri")
            if uri is not None and not is_safe_url(uri):
                self._warn(refused(uri, "link"), ref)
                # The text stays, unless it is only the address (a bare link, or
                # sphinx-design's hidden text of a card's stretched link).
                stretched = any("sd-stretched-link" in c.get("classes", ()) for c in ref.children
                                if isinstance(c, nodes.Element))  # fmt: skip
                if stretched or ref.astext().strip() == uri.strip():
                    ref.parent.remove(ref)
                else:
                    ref.replace_self(ref.children[:])
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            # Sphinx resolves a relative image into the project: only schemes matter.
            if not is_safe_url(uri):
                self._warn(refused(uri, "image"), image)
                alt = image.get("alt", "")
                image.replace_self(nodes.inline("", alt) if alt else [])
        kinds = _meta_nodes()
        for meta in list(self.document.findall(lambda n: isinstance(n, kinds))):
            equiv = str(meta.get("http-equiv", "")).lower()
            if equiv and equiv != "content-type":
                # refresh sends every reader elsewhere; set-cookie, CSP... are the site's call.
                content = describe(str(meta.get("content", "")))
                self._warn(f"meta http-equiv={equiv} removed: {content!r}", meta)
                meta.parent.remove(meta)

    def _warn(self, message: str, node: nodes.Node) -> None:
        logger.warning(message, location=node, type="kb", subtype="unsafe-url")
