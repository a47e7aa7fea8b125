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

import ftfy

from .sanitize import HTML_TAG, content_end, is_content_tag_open, sanitize_tag

#: (url, line in the file) -> new url, ``None`` to keep it, ``""`` to drop the image.
ImageRewriter = Callable[[str, int], str | None]

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
    ) -> None:
        self.counts = counts
        #: (line, message) for the report: shortcodes that were escaped.
        self.notes = notes
        self.images = images

    def fix(self, text: str, line: int) -> str:
        out: list[str] = []
        pos = 0
        while (match := _INLINE.search(text, pos)) is not None:
            out.append(fix_text(text[pos : match.start()], self.counts))
            at = line + text.count("\n", 0, match.start())
            kind = match.lastgroup if match.lastgroup != "ticks" else "code"
            token = match.group(0)
            if kind == "html" and is_content_tag_open(token):
                # <script>…</script> goes entirely, content included.
                pos = content_end(text, token, match.end())
                self.counts["html-sanitized"] += 1
                continue
            out.append(self._protected(match, kind or "", token, at))
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
            return clean
        if kind == "target":
            url = _url_of(match.group("ldest"))
            if _UNSAFE_SCHEME.match(_plain_url(url)):
                self.counts["unsafe-link"] += 1
                return "]"  # "[text]" alone is plain text in Markdown
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
