"""Text repairs for imported article bodies; every change is counted.

The body is split into blocks with markdown-it (the parser MyST itself uses), so
code (fenced and indented), math blocks and raw HTML blocks are recognized exactly
as the build will see them and are never touched by a text repair.  Inside
paragraphs, headings and tables, a scanner separates protected spans (inline code,
``$math$``, link targets, autolinks, bare URLs, backslash escapes, raw HTML tags,
shortcodes) from prose; only prose is fixed.

Repairs, by the name used in reports:

``mojibake``         ftfy on prose ("systemâ€™s" -> "system’s"), counted per changed word
``pseudo-heading``   a paragraph that is only ``:Heading:`` or ``**Heading**`` -> a heading
``blank-lines``      a run of blank lines collapsed to one
``trailing-spaces``  trailing white space removed (a Markdown hard break becomes ``\\``)
``title-heading``    a leading H1 equal to the title dropped
``demoted-heading``  another H1 in the body demoted (the page title is the only H1)
``heading-level``    a heading re-levelled so levels never jump (MyST warns on H2 -> H4)
``glossary-term``    ``Term:- definition`` -> ``Term: definition`` (and a glossary candidate)
``html-sanitized``   raw HTML changed by nh3 (scripts, event handlers, bad URLs)
``unsafe-link``      a Markdown link to a ``javascript:``/``vbscript:``/``data:`` URL unlinked
``shortcode``        a Liquid/Hugo shortcode escaped as inline code (it has no meaning here)
"""

from __future__ import annotations

import difflib
import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import ftfy
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from ..model import clean_text
from .sanitize import HTML_TAG, content_end, is_content_tag_open, sanitize_html_block, sanitize_tag

#: (url, line in the file) -> new url, ``None`` to keep it, ``""`` to drop the image.
ImageRewriter = Callable[[str, int], str | None]

# MyST parses CommonMark plus tables and dollar math; so must we, to agree on blocks.
_MD = MarkdownIt("commonmark").enable("table").use(dollarmath_plugin)

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
_PSEUDO = re.compile(
    r"^(?::(?P<colon>[^:\n]+):|\*\*(?P<stars>[^*\n]+)\*\*|__(?P<under>[^_\n]+)__)$"
)
_EMOJI_CODE = re.compile(r"^[a-z0-9_+-]+$")  # ":smile:" is an emoji, not a heading
_GLOSSARY = re.compile(r"^(?P<term>[^\W\d_][^:\n`*\[\]<>]{0,79}?)\s*:-\s*(?P<rest>\S.*)$")
_HARD_BREAK = re.compile(r" {2,}$")
_MARKUP = re.compile(r"[*_`]+")


@dataclass(frozen=True)
class GlossaryCandidate:
    term: str
    definition: str
    line: int


@dataclass
class RepairResult:
    text: str
    counts: Counter[str] = field(default_factory=Counter)
    glossary: list[GlossaryCandidate] = field(default_factory=list)
    #: (line in the file, message): things the user should know about.
    notes: list[tuple[int, str]] = field(default_factory=list)
    #: Text of the first heading, for files whose front matter has no title.
    first_heading: str = ""


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


def heading_text(markdown: str) -> str:
    """Plain text of a heading's Markdown (emphasis and code marks removed)."""
    return clean_text(_MARKUP.sub("", markdown))


def _comparable(text: str) -> str:
    return heading_text(text).casefold().rstrip(" .:!?")


def as_literal_code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it contains."""
    text = text.replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class _Inline:
    """Repairs the prose of one chunk (paragraph, heading, table) and nothing else."""

    def __init__(self, result: RepairResult, images: ImageRewriter | None) -> None:
        self.result = result
        self.counts = result.counts
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
            self.result.notes.append((line, f"shortcode {shown!r} kept as literal text"))
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


@dataclass
class _Block:
    start: int
    end: int
    kind: str  # paragraph, heading, table, html, protected, plain
    level: int = 0
    tag: str = ""
    markup: str = ""
    content: str = ""


def _blocks(tokens: list[Token]) -> list[_Block]:
    blocks: list[_Block] = []
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        start, end = token.map
        if token.type in ("paragraph_open", "heading_open"):
            content = tokens[index + 1].content
            kind = token.type.removesuffix("_open")
            blocks.append(_Block(start, end, kind, token.level, token.tag, token.markup, content))
        elif token.type in ("fence", "code_block", "math_block", "math_block_label"):
            blocks.append(_Block(start, end, "protected"))
        elif token.type == "html_block":
            blocks.append(_Block(start, end, "html"))
        elif token.type == "table_open":
            blocks.append(_Block(start, end, "table"))
    return blocks


def _pseudo_heading(block: _Block, lines: list[str]) -> str | None:
    if block.kind != "paragraph" or block.level != 0 or block.end - block.start != 1:
        return None
    match = _PSEUDO.match(lines[block.start].strip())
    if match is None:
        return None
    if match.group("colon") is not None and _EMOJI_CODE.match(match.group("colon")):
        return None
    inner = (match.group("colon") or match.group("stars") or match.group("under")).strip()
    inner = inner.rstrip(":").strip()
    return inner if re.search(r"[^\W\d_]", inner) else None


def repair_body(
    body: str,
    *,
    title: str | None,
    first_line: int = 1,
    images: ImageRewriter | None = None,
) -> RepairResult:
    """Repair an article body; ``title`` None means "take it from the first heading".

    ``first_line`` is the file line where the body starts, for messages.
    """
    lines = body.split("\n")
    blocks = _blocks(_MD.parse(body))
    result = RepairResult("")
    counts = result.counts
    inline = _Inline(result, images)

    headings = [b for b in blocks if b.kind == "heading"]
    if headings:
        result.first_heading = heading_text(fix_text(headings[0].content, Counter()))
    if title is None:
        title = result.first_heading

    # Plan heading levels first: dropping the title H1 and demoting the others
    # decides every later level, and levels must never jump (MyST warns).
    drop: set[int] = set()
    first = blocks[0] if blocks else None
    if (
        first is not None
        and first.kind == "heading"
        and first.level == 0
        and first.tag == "h1"
        and title
        and _comparable(fix_text(first.content, Counter())) == _comparable(title)
    ):
        drop.add(id(first))
        counts["title-heading"] += 1
    new_level: dict[int, int] = {}
    pseudo: dict[int, tuple[int, str]] = {}
    # (original level, new level) of the open sections: a heading goes one below
    # the nearest heading that outranks it, so siblings stay siblings, H1s become
    # H2s (the page title is the only H1) and no level is ever skipped.
    open_sections: list[tuple[int, int]] = []
    for block in blocks:
        if block.kind == "heading" and block.level == 0 and id(block) not in drop:
            original = int(block.tag[1])
            while open_sections and open_sections[-1][0] >= original:
                open_sections.pop()
            level = min(open_sections[-1][1] + 1 if open_sections else 2, 6)
            if original == 1:
                counts["demoted-heading"] += 1
            elif level != original:
                counts["heading-level"] += 1
            new_level[id(block)] = level
            open_sections.append((original, level))
        elif (text := _pseudo_heading(block, lines)) is not None:
            level = min(open_sections[-1][1] + 1 if open_sections else 2, 6)
            pseudo[id(block)] = (level, text)
            counts["pseudo-heading"] += 1

    out: list[tuple[str, bool]] = []  # (line, protected)

    def plain(line: str) -> None:
        stripped = line.rstrip()
        if stripped != line:
            counts["trailing-spaces"] += 1
        out.append((stripped, False))

    def emit(fixed: str, hard_breaks: bool) -> None:
        pieces = fixed.split("\n")
        for number, piece in enumerate(pieces):
            if hard_breaks and number < len(pieces) - 1 and _HARD_BREAK.search(piece):
                # Two trailing spaces are a hard line break: keep it, visibly.
                counts["trailing-spaces"] += 1
                out.append((piece.rstrip() + "\\", False))
            else:
                plain(piece)

    position = 0
    for block in blocks:
        for index in range(position, block.start):
            plain(lines[index])
        position = block.end
        chunk = "\n".join(lines[block.start : block.end])
        line = first_line + block.start
        if block.kind == "protected":
            out.extend((text, True) for text in lines[block.start : block.end])
        elif block.kind == "html":
            clean = sanitize_html_block(chunk)
            if clean != chunk:
                counts["html-sanitized"] += 1
            out.extend((text, True) for text in clean.split("\n"))
        elif id(block) in drop:
            continue
        elif id(block) in pseudo:
            level, text = pseudo[id(block)]
            out.append(("#" * level + " " + inline.fix(text, line).strip(), False))
        elif id(block) in new_level:
            level = new_level[id(block)]
            if level == int(block.tag[1]) and block.markup.startswith("#"):
                emit(inline.fix(chunk, line), hard_breaks=False)
            else:
                text = inline.fix(block.content.replace("\n", " ").strip(), line)
                out.append(("#" * level + " " + text, False))
        elif block.kind == "paragraph" and block.level == 0:
            fixed = inline.fix(chunk, line)
            head, sep, tail = fixed.partition("\n")
            match = _GLOSSARY.match(head)
            if match:
                term, rest = match.group("term").strip(), match.group("rest")
                head = f"{term}: {rest}"
                counts["glossary-term"] += 1
                definition = re.split(r"(?<=[.!?])\s", clean_text(rest + " " + tail), maxsplit=1)[0]
                result.glossary.append(GlossaryCandidate(term, definition, line))
            emit(head + sep + tail, hard_breaks=True)
        else:
            emit(inline.fix(chunk, line), hard_breaks=block.kind == "paragraph")
    for index in range(position, len(lines)):
        plain(lines[index])

    result.text = _collapse_blank_lines(out, counts)
    return result


def _collapse_blank_lines(out: list[tuple[str, bool]], counts: Counter[str]) -> str:
    # Leading and trailing blank lines are layout, not content: trimmed, not counted.
    first = next((i for i, (text, _) in enumerate(out) if text.strip()), len(out))
    last = max((i for i, (text, _) in enumerate(out) if text.strip()), default=-1)
    kept: list[str] = []
    run = 0
    for text, protected in out[first : last + 1]:
        if not protected and not text.strip():
            run += 1
            if run == 2:
                counts["blank-lines"] += 1
            if run > 1:
                continue
        else:
            run = 0
        kept.append(text)
    return "\n".join(kept) + "\n" if kept else ""
