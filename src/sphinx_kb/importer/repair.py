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

import re
from collections import Counter
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from ..articles.model import clean_text
from .headings import heading_text
from .inline import (
    ImageRewriter,
    InlineFixer,
    LinkRewriter,
    fix_text,
    rewrite_html_hrefs,
)
from .media import rewrite_html_images
from .sanitize import sanitize_html_block

# MyST parses CommonMark plus tables and dollar math; so must we, to agree on blocks.
_MD = MarkdownIt("commonmark").enable("table").use(dollarmath_plugin)

_PSEUDO = re.compile(
    r"^(?::(?P<colon>[^:\n]+):|\*\*(?P<stars>[^*\n]+)\*\*|__(?P<under>[^_\n]+)__)$"
)
_EMOJI_CODE = re.compile(r"^[a-z0-9_+-]+$")  # ":smile:" is an emoji, not a heading
_GLOSSARY = re.compile(r"^(?P<term>[^\W\d_][^:\n`*\[\]<>]{0,79}?)\s*:-\s*(?P<rest>\S.*)$")
_HARD_BREAK = re.compile(r" {2,}$")
_REF_DEF = re.compile(
    r"^(?P<lead> {0,3}\[(?!\^)[^\]]+\]:[ \t]*)(?P<url><[^<>\n]*>|\S+)(?P<rest>.*)$"
)
#: A pseudo-heading is a short title, not a bolded sentence.
PSEUDO_HEADING_MAX_CHARS = 80
PSEUDO_HEADING_MAX_WORDS = 12


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


def _comparable(text: str) -> str:
    return heading_text(text).casefold().rstrip(" .:!?")


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
    if not re.search(r"[^\W\d_]", inner):
        return None
    return inner if _title_like(inner) else None


def _title_like(text: str) -> bool:
    """Short, one phrase, not a sentence: ``**Note that this...is done.**`` is emphasis."""
    if len(text) > PSEUDO_HEADING_MAX_CHARS or len(text.split()) > PSEUDO_HEADING_MAX_WORDS:
        return False
    return not (re.search(r"[.!?;,]$", text) or re.search(r"[.!?;]\s", text))


def repair_body(
    body: str,
    *,
    title: str | None,
    first_line: int = 1,
    images: ImageRewriter | None = None,
    links: LinkRewriter | None = None,
) -> RepairResult:
    """Repair an article body; ``title`` None means "take it from the first heading".

    ``first_line`` is the file line where the body starts, for messages.
    """
    lines = body.split("\n")
    blocks = _blocks(_MD.parse(body))
    result = RepairResult("")
    counts = result.counts
    inline = InlineFixer(result.counts, result.notes, images, links)

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

    def plain(line: str, number: int = 0) -> None:
        stripped = line.rstrip()
        if stripped != line:
            counts["trailing-spaces"] += 1
        definition = _REF_DEF.match(stripped) if links is not None and number else None
        if definition is not None:
            stripped = _rewrite_definition(definition, links, first_line + number - 1)
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
            plain(lines[index], index + 1)
        position = block.end
        chunk = "\n".join(lines[block.start : block.end])
        line = first_line + block.start
        if block.kind == "protected":
            out.extend((text, True) for text in lines[block.start : block.end])
        elif block.kind == "html":
            clean = sanitize_html_block(chunk)
            if clean != chunk:
                counts["html-sanitized"] += 1
            if links is not None:
                clean = rewrite_html_hrefs(clean, links, line)
            if images is not None:
                clean = rewrite_html_images(clean, images, line)
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
        plain(lines[index], index + 1)

    result.text = _collapse_blank_lines(out, counts)
    return result


def _rewrite_definition(match: re.Match[str], links: LinkRewriter, line: int) -> str:
    """``[id]: /old/url/`` -> ``[id]: new.md`` (a link definition outside any block)."""
    url = match.group("url").strip("<>")
    resolved = links(url, line)
    if resolved is None:
        return match.group(0)
    new = resolved.target or resolved.left
    if not new or new == url:
        return match.group(0)
    return f"{match.group('lead')}{new}{match.group('rest')}"


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
