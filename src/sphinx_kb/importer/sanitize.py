"""Raw HTML inside Markdown: kept, but sanitized with nh3.

Markdown mixes HTML tags with Markdown text, so a whole block cannot be handed to an
HTML sanitizer (it would escape the Markdown and close ``<div>`` s that are closed
blocks later).  Instead each tag is sanitized on its own by nh3, and the content of
``<script>``/``<style>`` elements is dropped, as nh3 itself does.  What survives:
what :mod:`sphinx_kb.articles.html_policy` allows (the same policy as the build).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser

from ..articles.html_policy import ALLOWED_TAGS, CONTENT_TAGS, MAX_ROUNDS, VOID_TAGS, sanitize
from ..articles.sanitize import TABLE_CONTEXT

# The one policy (tags, attributes, URLs, fixed point) shared with the build.
_VOID = VOID_TAGS


_ATTR = r"""(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)"""
#: CommonMark raw HTML: open tag, closing tag, comment, declaration, PI, CDATA.
HTML_TAG = (
    rf"<[A-Za-z][A-Za-z0-9-]*{_ATTR}*\s*/?>"
    r"|</[A-Za-z][A-Za-z0-9-]*\s*>"
    r"|<!--[\s\S]*?-->"
    r"|<![A-Za-z][^>]*>"
    r"|<\?[\s\S]*?\?>"
    r"|<!\[CDATA\[[\s\S]*?\]\]>"
)
_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def tag_name(tag: str) -> str:
    match = _NAME.match(tag)
    return match.group(1).lower() if match else ""


def is_content_tag_open(tag: str) -> bool:
    """Whether ``tag`` opens an element whose whole content must go (script, style)."""
    return not tag.startswith("</") and tag_name(tag) in CONTENT_TAGS


def content_end(text: str, tag: str, start: int) -> int:
    """End of the element opened by ``tag``: after its closing tag, or the end of text."""
    close = re.compile(rf"</{re.escape(tag_name(tag))}\s*>", re.IGNORECASE)
    match = close.search(text, start)
    return match.end() if match else len(text)


def sanitize_tag(tag: str) -> str:
    """One raw HTML tag, sanitized; ``""`` when nothing of it may stay.

    Comments are kept (browsers never run them); declarations and processing
    instructions are dropped.  A tag that means what nh3's output means is kept as
    written, so harmless HTML is not churned on every import.
    """
    if tag.startswith("<!--"):
        return tag
    name = tag_name(tag)
    if not name or name not in ALLOWED_TAGS:
        return ""
    if tag.startswith("</"):
        return f"</{name}>"
    context = TABLE_CONTEXT.get(name)
    if context is not None:
        # Alone, a <tr> or <td> is dropped by the HTML parser (it only exists in a
        # table): clean it inside one and take it back out.
        found = re.search(rf"<{name}\b[^>]*>", sanitize(context + tag))
        cleaned = found.group(0) if found else ""
    else:
        cleaned = sanitize(tag)
    if name not in _VOID and cleaned.endswith(f"</{name}>"):
        cleaned = cleaned[: -len(f"</{name}>")]  # nh3 closes what it opens
    # Keep the author's spelling when an HTML parser reads both the same way.
    # (Comparing attribute names by pattern was fooled by a name hidden in a quoted
    # value: title="&#32;onclick=1" onclick="...".)
    return tag if _parsed(tag) == _parsed(cleaned) else cleaned


class _TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted((k, v or "") for k, v in attrs))))

    handle_startendtag = handle_starttag


def _parsed(tag: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    reader = _TagReader()
    reader.feed(tag)
    reader.close()
    return reader.tags


_TAG_RE = re.compile(HTML_TAG)


def sanitize_html_block(text: str) -> str:
    """A raw HTML block sanitized to a fixed point (see :func:`settle`)."""
    return settle(text, _sanitize_block_once)


def settle(text: str, clean: Callable[[str], str]) -> str:
    """``clean`` applied until it changes nothing more.

    Removing a tag joins the text around it, which can make a new tag: one pass over
    ``<scr<script>x</script>ipt>`` leaves ``<script>``.  Output that never settles
    keeps its text and loses its markup (escaped).
    """
    current = text
    for _ in range(MAX_ROUNDS):
        cleaned = clean(current)
        if cleaned == current:
            return cleaned
        current = cleaned
    return html.escape(current, quote=False)


def _sanitize_block_once(text: str) -> str:
    """A raw HTML block (CommonMark html_block), sanitized once.

    When every ``<`` in the block belongs to a well-formed tag, the browser will see
    exactly the tags we see, so tags are sanitized one by one and the block keeps
    its shape (an opening ``<div>`` whose ``</div>`` is in a later block survives).
    Anything else (a tag left open across lines, stray ``<``) goes through nh3 whole.
    """
    out: list[str] = []
    stray = False
    pos = 0
    while (match := _TAG_RE.search(text, pos)) is not None:
        between = text[pos : match.start()]
        stray = stray or "<" in between
        out.append(between)
        tag = match.group(0)
        if is_content_tag_open(tag):
            pos = content_end(text, tag, match.end())
            continue
        out.append(sanitize_tag(tag))
        pos = match.end()
    stray = stray or "<" in text[pos:]
    if stray:
        return sanitize(text)
    out.append(text[pos:])
    return "".join(out)
