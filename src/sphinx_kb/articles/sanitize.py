"""Untrusted markup made harmless before anything is written.

Content comes from editors and CMS exports, so its raw HTML cannot be trusted:
MyST passes ``<script>`` or ``onerror=`` straight through as ``nodes.raw``.  The
:class:`SanitizeRawHTML` transform runs at read time and

* on every page, replaces every raw HTML node by the output of the one policy
  (:mod:`.html_policy`: allowed tags and attributes only, no event handlers, no
  script URLs, ``<script>``/``<style>`` dropped with their content; a refused URL
  is named in one warning);
* on every page, drops images and downloads whose file lies outside the project
  (``![x](../../../etc/passwd)`` would otherwise be copied into the site);
* in articles and the glossary, drops raw output for other formats (raw LaTeX
  could ``\\input`` any file) and content included from outside the project.

Everything else an article becomes is built from docutils text nodes, which every
writer escapes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..config import KBConfig
from .confine import outside_message
from .html_policy import ALLOWED_TAGS, CONTENT_TAGS, VOID_TAGS, sanitize, unsafe_urls
from .tree_edits import TreeEdits
from .url_policy import refused

logger = logging.getLogger(__name__)

#: What a table part must be inside for an HTML parser to keep it (alone, a <td> is dropped).
TABLE_CONTEXT = {
    "td": "<table><tbody><tr>",
    "th": "<table><tbody><tr>",
    "tr": "<table><tbody>",
    "thead": "<table>",
    "tbody": "<table>",
    "tfoot": "<table>",
    "caption": "<table>",
    "colgroup": "<table>",
    "col": "<table><colgroup>",
}
#: The raw LaTeX MyST writes for a Markdown hard line break, next to an HTML ``<br />``.
HARD_BREAK_LATEX = "\\\\\n"

_OPEN_TAG = re.compile(
    r"<(?P<name>[A-Za-z][A-Za-z0-9-]*)"
    r"(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
)
_CLOSE_TAG = re.compile(r"</(?P<name>[A-Za-z][A-Za-z0-9-]*)\s*>")


def clean_block(html: str) -> str:
    """A block of raw HTML, sanitized whole."""
    return sanitize(html)


def clean_inline(html: str) -> str:
    """One piece of inline raw HTML (MyST makes one node per tag), sanitized.

    An allowed opening tag keeps nh3's serialization of it without the closing tag
    nh3 adds (the element's content and end tag are separate nodes); a closing tag
    is rebuilt from its name.  Anything else is sanitized whole.
    """
    text = html.strip()
    closing = _CLOSE_TAG.fullmatch(text)
    if closing:
        name = closing["name"].lower()
        return f"</{name}>" if name in ALLOWED_TAGS and name not in VOID_TAGS else ""
    opening = _OPEN_TAG.fullmatch(text)
    if opening:
        name = opening["name"].lower()
        if name not in ALLOWED_TAGS:
            return ""
        cleaned = sanitize(text)
        end = f"</{name}>"
        if name not in VOID_TAGS and cleaned.endswith(end):
            cleaned = cleaned[: -len(end)]
        return cleaned
    return sanitize(html)


def opens_content_tag(html: str) -> str:
    """The name of the script/style element ``html`` opens, or ``""``."""
    opening = _OPEN_TAG.fullmatch(html.strip())
    name = opening["name"].lower() if opening else ""
    return name if name in CONTENT_TAGS else ""


def _outside(path: str, srcdir: Path) -> bool:
    """Whether a local file path lies outside the project (``..``, absolute, symlink)."""
    if not path or "://" in path or path.startswith("<"):
        return "://" in path  # a URL fetched at build time is outside too
    full = Path(os.path.abspath(path))
    try:
        full.resolve().relative_to(srcdir.resolve())
    except ValueError:
        return True
    return False


def _uri_outside(uri: str, docname: str, srcdir: Path) -> bool:
    """An image or download target (relative to the page, or ``/`` = project root)."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:", uri) or uri.startswith("//"):
        return False  # a URL: the browser fetches it, nothing is copied
    base = srcdir if uri.startswith("/") else (srcdir / docname).parent
    return _outside(str(base / uri.lstrip("/")), srcdir)


class SanitizeRawHTML(SphinxTransform):
    """Sanitize raw HTML and confine file paths on every page; in article pages and the
    glossary, also drop raw output for other formats and content from outside."""

    # Late, so raw nodes other read-time transforms add are cleaned too, but before
    # DoctreeReadEvent (880), where Sphinx collects (and later copies) images.
    default_priority = 870

    def apply(self, **kwargs: Any) -> None:
        kb = KBConfig.from_sphinx(self.config)
        docname = self.env.docname
        untrusted = kb.in_articles(docname) or docname == kb.glossary_doc
        srcdir = Path(self.env.srcdir)
        if untrusted:
            self._confine_included(srcdir)
        # Raw HTML runs in the reader's browser whichever page it is on: every page.
        self._clean_raw(untrusted)
        self._confine_files(docname, srcdir)

    def _warn(self, message: str, node: nodes.Node) -> None:
        logger.warning(message, location=node, type="kb", subtype="unsafe-content")

    def _confine_included(self, srcdir: Path) -> None:
        # {include}, {literalinclude}, raw :file: and :url: read at parse time; what
        # they read from outside the project is taken out again here.
        # Nearly every node comes from the page itself: resolve each origin once.
        outside: dict[str, bool] = {}
        # Front matter fields are not included content: MyST sets a field's ``source``
        # to its value (and docutils passes it on to the field's children).
        docinfo = self.document.next_node(nodes.docinfo)
        front_matter = {id(n) for n in docinfo.findall()} if docinfo is not None else set()
        for node in list(self.document.findall(nodes.Element)):
            if id(node) in front_matter:
                continue
            origin = str(node.get("source") or node.source or "")
            if origin not in outside:
                # Included files are named by absolute path (or URL); MyST gives its
                # front-matter fields their values as "source": not files at all.
                named = os.path.isabs(origin) or "://" in origin
                outside[origin] = named and _outside(origin, srcdir)
            if not outside[origin]:
                continue
            parent = node.parent
            if parent is None or not any(child is node for child in parent.children):
                continue
            self._warn(f"content from outside the project removed: {origin}", node)
            parent.remove(node)

    def _clean_raw(self, untrusted: bool) -> None:
        edits = TreeEdits()  # applied at the end: one pass per parent, not per node
        for node in list(self.document.findall(nodes.raw)):
            # Skip nodes already taken out.
            if node.parent is None or edits.removed(node):
                continue
            formats = node.get("format", "").lower().split()
            if formats == ["latex"] and node.astext() == HARD_BREAK_LATEX:
                continue  # MyST's own line break ("a\\" + newline): a LaTeX "\\", harmless
            if "html" not in formats:
                if not untrusted:
                    continue  # the project's own pages may use raw LaTeX
                self._warn(f"raw {node.get('format')!r} output removed from the page", node)
                edits.remove(node)
                continue
            text = node.astext()
            bad = unsafe_urls(text)
            if bad:
                more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
                self._warn(refused(bad[0], "raw HTML link") + more, node)
            if isinstance(node.parent, nodes.TextElement):
                content_tag = opens_content_tag(text)
                if content_tag:
                    self._drop_until_close(node, content_tag, edits)
                cleaned = clean_inline(text)
            else:
                cleaned = clean_block(text)
            if cleaned != text:
                new = nodes.raw("", cleaned, format="html")
                new.source, new.line = node.source, node.line
                edits.replace(node, new)
        edits.apply()

    @staticmethod
    def _drop_until_close(node: nodes.raw, tag: str, edits: TreeEdits) -> None:
        """Inline ``<script>...</script>``: the text between must not show either."""
        siblings = node.parent.children
        for index in range(edits.index(node) + 1, len(siblings)):
            sibling = siblings[index]
            closing = _CLOSE_TAG.fullmatch(sibling.astext().strip())
            if isinstance(sibling, nodes.raw) and closing and closing["name"].lower() == tag:
                break
            edits.remove(sibling)

    def _confine_files(self, docname: str, srcdir: Path) -> None:
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if _uri_outside(uri, docname, srcdir):
                self._warn(outside_message("image", uri), image)
                alt = image.get("alt", "")
                if alt:
                    image.replace_self(nodes.inline("", alt))
                else:
                    image.parent.remove(image)
        for ref in list(self.document.findall(addnodes.download_reference)):
            target = ref.get("reftarget", "")
            if _uri_outside(target, docname, srcdir):
                self._warn(outside_message("download", target), ref)
                ref.replace_self(nodes.inline("", ref.astext()))
