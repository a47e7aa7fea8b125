"""Inline repairs: fix the prose of a paragraph, heading or table, and nothing else.

A scanner separates protected spans from prose: backslash escapes, inline code,
shortcodes, ``$math$``/``$$math$$``, autolinks, raw HTML tags, images, link
targets and bare URLs.  Only prose goes through ftfy.  Protected spans are kept
verbatim, except raw HTML (sanitized, see :mod:`.sanitize`), shortcodes (escaped
as literal code), images (offered to the media rewriter) and ``javascript:`` links
(unlinked).
"""

from __future__ import annotations

import difflib
import html
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import ftfy

from .sanitize import (
    HTML_TAG,
    content_end,
    is_content_tag_open,
    sanitize_tag,
    settle,
    tag_name,
)

#: (url, line in the file) -> new url, ``None`` to keep it, ``""`` to drop the image.
ImageRewriter = Callable[[str, int], str | None]
#: (url, line) -> ``None`` (not a link into the old site: keep it) or a
#: :class:`~sphinx_kb.importer.links.Resolution` (``target`` for MyST, or ``left``).
LinkRewriter = Callable[[str, int], Any]

# ftfy's defaults would also straighten curly quotes and unescape HTML entities;
# both are legitimate in Markdown, so only encoding-level fixes are enabled.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_character_width=False,
    explain=False,
)
# Pure printable ASCII cannot hold mojibake; skipping it keeps big imports fast.
_NEEDS_FTFY = re.compile(r"[^\x20-\x7e\n\t]")

_DEST = (
    r"\s*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"
    r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*"""
)
_INLINE = re.compile(
    "|".join(
        (
            r"(?P<escape>\\[!-/:-@\[-`{-~])",
            r"(?P<code>(?<!`)(?P<ticks>`+)(?!`)[\s\S]*?(?<!`)(?P=ticks)(?!`))",
            r"(?P<shortcode>\{\{<[\s\S]*?>\}\}|\{\{%[\s\S]*?%\}\}|\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\})",
            r"(?P<math>\$\$[\s\S]+?\$\$|\$(?![\s$])(?:[^$\\\n]|\\.)+?(?<![\s\\])\$(?!\d))",
            r"(?P<autolink><[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>"
            r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*>)",
            rf"(?P<html>{HTML_TAG})",
            rf"(?P<image>!\[(?P<alt>(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]\((?P<idest>{_DEST})\))",
            rf"(?P<target>\]\((?P<ldest>{_DEST})\))",
            r"(?P<url>(?:https?|ftp)://[^\s<>]*[^\s<>.,;:!?'\")\]]|www\.[^\s<>]*[^\s<>.,;:!?'\")\]])",
        )
    )
)
_UNSAFE_SCHEME = re.compile(r"(?:javascript|vbscript|file|data):", re.IGNORECASE)


def fix_text(text: str, counts: Counter[str]) -> str:
    """ftfy on one piece of prose; counts each changed word as one ``mojibake`` repair."""
    if not _NEEDS_FTFY.search(text):
        return text
    fixed = ftfy.fix_text(text, _FTFY)
    if fixed != text:
        before, after = text.split(), fixed.split()
        opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
        changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in opcodes if tag != "equal")
        counts["mojibake"] += max(1, changed)
    return fixed


def as_literal_code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it contains."""
    text = text.replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class InlineFixer:
    """Repairs the prose of one chunk (paragraph, heading, table) and nothing else."""

    def __init__(
        self,
        counts: Counter[str],
        notes: list[tuple[int, str]],
        images: ImageRewriter | None = None,
        links: LinkRewriter | None = None,
    ) -> None:
        self.counts = counts
        #: (line, message) for the report: shortcodes that were escaped.
        self.notes = notes
        self.images = images
        self.links = links

    def fix(self, text: str, line: int) -> str:
        # Raw HTML to a fixed point: removing a tag joins the text around it.
        return settle(self._fix_once(text, line), _html_once)

    def _fix_once(self, text: str, line: int) -> str:
        out: list[str] = []
        pos = 0
        # Lines counted from where the last token was: counting from the start each
        # time made a long line of many tokens quadratic.
        at, counted = line, 0
        while (match := _INLINE.search(text, pos)) is not None:
            out.append(fix_text(text[pos : match.start()], self.counts))
            at += text.count("\n", counted, match.start())
            counted = match.start()
            kind = match.lastgroup if match.lastgroup != "ticks" else "code"
            token = match.group(0)
            if kind == "html" and is_content_tag_open(token):
                # <script>…</script> goes entirely, content included.
                pos = content_end(text, token, match.end())
                self.counts["html-sanitized"] += 1
                continue
            replaced = self._protected(match, kind or "", token, at)
            if replaced.startswith(_LEFT_MARK):
                # A link to no imported page: kept as an HTML link, which MyST
                # leaves alone (a Markdown one would be a broken cross-reference).
                _wrap_in_html_link(out, replaced[len(_LEFT_MARK) :])
            elif replaced.startswith(_TERM_MARK):
                _wrap_as_term(out, replaced[len(_TERM_MARK) :])
            else:
                out.append(replaced)
            pos = match.end()
        out.append(fix_text(text[pos:], self.counts))
        return "".join(out)

    def _protected(self, match: re.Match[str], kind: str, token: str, line: int) -> str:
        if kind == "shortcode":
            self.counts["shortcode"] += 1
            shown = token if len(token) <= 60 else token[:57] + "..."
            self.notes.append((line, f"shortcode {shown!r} kept as literal text"))
            return as_literal_code(token)
        if kind == "html":
            clean = sanitize_tag(token)
            if clean != token:
                self.counts["html-sanitized"] += 1
            if self.links is not None and tag_name(clean) == "a":
                clean = rewrite_html_hrefs(clean, self.links, line)
            return clean
        if kind == "target":
            dest = match.group("ldest")
            url = _url_of(dest)
            if _UNSAFE_SCHEME.match(_plain_url(url)):
                self.counts["unsafe-link"] += 1
                return "]"  # "[text]" alone is plain text in Markdown
            resolved = self.links(url, line) if self.links is not None and url else None
            if resolved is None:
                return token
            if resolved.term:
                return _TERM_MARK + resolved.term
            if resolved.target:
                return "](" + dest.replace(url, resolved.target, 1).strip() + ")"
            if _SCHEME.match(resolved.left):
                return "](" + dest.replace(url, resolved.left, 1).strip() + ")"
            return _LEFT_MARK + resolved.left
        if kind == "autolink" and self.links is not None:
            url = token[1:-1]
            resolved = self.links(url, line)
            if resolved is not None and resolved.target:
                return f"[{_escape_text(url)}]({resolved.target})"
            return token
        if kind == "image":
            return self._image(match, token, line)
        return token

    def _image(self, match: re.Match[str], token: str, line: int) -> str:
        dest = match.group("idest")
        url = _url_of(dest)
        plain = _plain_url(url)
        if _UNSAFE_SCHEME.match(plain) and not plain.lower().startswith("data:image/"):
            self.counts["unsafe-link"] += 1
            return match.group("alt")
        if self.images is None or not url:
            return token
        new = self.images(url, line)
        if new is None:
            return token
        if new == "":
            return match.group("alt")
        new_dest = dest.replace(url, f"<{new}>" if " " in new else new, 1)
        return f"![{match.group('alt')}]({new_dest})"


def _url_of(dest: str) -> str:
    dest = dest.strip()
    if dest.startswith("<"):
        return dest[1 : dest.find(">")] if ">" in dest else dest[1:]
    return dest.split()[0] if dest else ""


def _plain_url(url: str) -> str:
    # Browsers ignore entities, control characters and blanks inside a scheme.
    return re.sub(r"[\x00-\x20]+", "", html.unescape(url))


_LEFT_MARK = "\x00left\x00"
_TERM_MARK = "\x00term\x00"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_HREF = re.compile(r"""(?P<lead>\shref\s*=\s*)(?P<q>["']?)(?P<url>[^"'\s>]*)(?P=q)""", re.I)


def _escape_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def _wrap_as_term(out: list[str], term: str) -> None:
    """Turn the ``[text`` already written into a ``{term}`` reference to ``term``."""
    written = "".join(out)
    start = _opening_bracket(written)
    if start < 0:
        out.append("]")
        return
    shown = re.sub(r"[*_`\[\]<>{}\\]", "", written[start + 1 :]).strip() or term
    safe = re.sub(r"[`<>]", "", term)
    role = (
        f"{{term}}`{safe}`"
        if shown.casefold() == safe.casefold()
        else (f"{{term}}`{shown} <{safe}>`")
    )
    out[:] = [written[:start], role]


def _opening_bracket(written: str) -> int:
    depth = 0
    for index in range(len(written) - 1, -1, -1):
        char = written[index]
        escaped = index > 0 and written[index - 1] == "\\"
        if char == "]" and not escaped:
            depth += 1
        elif char == "[" and not escaped:
            if depth == 0:
                return index
            depth -= 1
    return -1


def _wrap_in_html_link(out: list[str], href: str) -> None:
    """Turn the ``[text`` already written into ``<a href="...">text</a>``."""
    written = "".join(out)
    start = _opening_bracket(written)
    if start < 0:
        out.append("]")  # no opening bracket: leave the text as it was
        return
    link = f'<a href="{html.escape(href, quote=True)}">'
    out[:] = [written[:start], link, written[start + 1 :], "</a>"]


def rewrite_html_hrefs(html_text: str, links: LinkRewriter, line: int) -> str:
    """``href`` s of raw HTML links into the old site, pointing at the new pages."""

    def replace(match: re.Match[str]) -> str:
        url = html.unescape(match.group("url"))
        at = line + html_text.count("\n", 0, match.start())  # an HTML block spans lines
        resolved = links(url, at) if url else None
        if resolved is None or not resolved.target:
            if resolved is not None and _SCHEME.match(resolved.left):
                return f'{match.group("lead")}"{html.escape(resolved.left, quote=True)}"'
            return match.group(0)
        path, _sep, anchor = resolved.target.partition("#")
        href = re.sub(r"\.md$", ".html", path) + (f"#{anchor}" if anchor else "")
        return f'{match.group("lead")}"{html.escape(href, quote=True)}"'

    return _HREF.sub(replace, html_text)


def _html_once(text: str) -> str:
    """One more pass over the raw HTML of ``text`` only (code spans, links and the
    rest are kept as they are): content tags go, other tags are sanitized."""
    out: list[str] = []
    pos = 0
    while (match := _INLINE.search(text, pos)) is not None:
        out.append(text[pos : match.start()])
        token = match.group(0)
        if match.lastgroup == "html" and is_content_tag_open(token):
            pos = content_end(text, token, match.end())
            continue
        out.append(sanitize_tag(token) if match.lastgroup == "html" else token)
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)
