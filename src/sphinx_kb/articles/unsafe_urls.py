"""Links, images and page refreshes with a URL the policy refuses, taken out of every
page (articles and every other page) before anything is written.

Content can put a URL into a page in many ways besides raw HTML (which
:mod:`.sanitize` cleans): Markdown and rST links, ``{image}``/``{figure}``
``:target:``, sphinx-design's ``{button-link}`` and ``{card}`` ``:link:``, image
sources, ``.. meta::`` ``http-equiv=refresh``.  Each becomes a docutils node here,
so one transform sees them all: a link keeps its text and loses its target, an
image is replaced by its alt text, a refresh is dropped; each with one warning
naming the file and line (see :func:`.url_policy.refused`).

One kind never becomes a node: a Markdown link or autolink whose URL markdown-it
itself refuses (``[x](javascript:...)``: its ``validateLink``), which MyST leaves as
plain text.  Safe, but silent; ``on_source_read`` finds those in the Markdown source
(with ``kb check``'s scanner, so both name the same lines) and gives the same
warning.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .url_policy import describe, is_safe_url, refused

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: A cheap first look: only a page naming one of these schemes is scanned.
_REFUSED_BY_MARKDOWN_IT = re.compile(r"(?i)(?:javascript|vbscript|file|data):")


def refused_markdown_links(text: str) -> list[tuple[int, str, bool]]:
    """(line, URL, is an image) for each Markdown link or autolink in ``text`` (a whole
    Markdown file) that markdown-it refuses and MyST therefore leaves as text."""
    if not _REFUSED_BY_MARKDOWN_IT.search(text):
        return []
    from markdown_it.common.normalize_url import validateLink

    from ..check.markup import scan_markup
    from .frontmatter import FrontMatterError, split_front_matter

    try:
        front = split_front_matter(text)
        body, first = front.body, front.body_line
    except FrontMatterError:
        return []  # the page is reported for its front matter; its body is not read
    return [link for link in scan_markup(body, first).links if not validateLink(link[1])]


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if Path(app.env.doc2path(docname)).suffix != ".md":
        return
    for line, url, image in refused_markdown_links(source[0]):
        logger.warning(
            refused(url, "image" if image else "link"),
            location=(docname, line),
            type="kb",
            subtype="unsafe-url",
        )


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
