"""Generator markup in article bodies: Hugo and Zola shortcodes, Liquid tags and variables.

Generators run this markup before Markdown, so it is converted before the body is
repaired: a shortcode MyST has an equivalent for becomes it (the conversions are in
:mod:`.shortcode_kinds`), an ``include`` is replaced by the file it names, and
anything else is left for the repair pass, which keeps it as literal code and
reports it.  Markup inside code blocks and code spans is left alone, except the
generators' own escapes (``{{</* x */>}}``, ``{% raw %}``), which are undone.

The result keeps, for every output line, the body line it came from, so messages
about the converted text still name lines of the source file.
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from .inline import as_literal_code
from .spans import markup_spans

TAG = re.compile(
    r"(?P<hcomment>\{\{(?P<cd>[<%])/\*[\s\S]*?\*/[>%]\}\})"
    r"|\{\{<-?\s*(?P<aclose>/)?\s*(?P<aname>[\w./-]+)(?P<aargs>[\s\S]*?)\s*-?>\}\}"
    r"|\{\{%-?\s*(?P<pclose>/)?\s*(?P<pname>[\w./-]+)(?P<pargs>[\s\S]*?)\s*-?%\}\}"
    r"|\{%-?\s*(?P<lname>[A-Za-z_]\w*)(?P<largs>(?:(?!%\})[\s\S])*?)\s*-?%\}"
    r"|\{\{-?\s*(?P<expr>(?:(?!\}\})[\s\S])+?)\s*-?\}\}"
)
_ARG = re.compile(
    r"""(?:(?P<key>[\w-]+)\s*=\s*)?(?P<value>"(?:[^"\\]|\\.)*"|'[^']*'|`[^`]*`|[^\s"'`,]+)"""
)
_ZOLA_CALL = re.compile(r"^(?P<name>[A-Za-z_]\w*)\((?P<args>[\s\S]*)\)$")
_RAW = frozenset({"raw", "endraw"})


@dataclass
class Tag:
    kind: str  # "hugo", "liquid", "output", "zola", "escape"
    name: str
    args: list[tuple[str, str]]
    closing: bool
    start: int
    end: int
    text: str
    self_closing: bool = False

    def arg(self, *names: str, position: int | None = None) -> str:
        for key, value in self.args:
            if key and key.casefold() in names:
                return value
        if position is not None:
            positional = [value for key, value in self.args if not key]
            if position < len(positional):
                return positional[position]
        return ""

    @property
    def raw_args(self) -> str:
        return self.args[0][1] if self.kind in ("liquid", "output") and self.args else ""


def parse_args(text: str) -> list[tuple[str, str]]:
    """``src="a b" alt='c' 3 key=val`` -> [("src", "a b"), ("alt", "c"), ("", "3"), ...]."""
    found: list[tuple[str, str]] = []
    for match in _ARG.finditer(text):
        value = match.group("value")
        if len(value) >= 2 and value[0] in "\"'`" and value[-1] == value[0]:
            quote, value = value[0], value[1:-1]
            if quote == '"':
                value = re.sub(r"\\(.)", r"\1", value)
        found.append((match.group("key") or "", value))
    return found


def read_tag(match: re.Match[str]) -> Tag:
    text, start, end = match.group(0), match.start(), match.end()
    if match.group("hcomment"):
        inner = text[5:-5].strip()  # between "{{</*" and "*/>}}"
        literal = "{{" + match.group("cd") + " " + inner + " " + text[-3] + "}}"
        return Tag("escape", "", [], False, start, end, literal)
    for prefix in ("a", "p"):
        name = match.group(f"{prefix}name")
        if name:
            args = match.group(f"{prefix}args") or ""
            self_closing = args.rstrip().endswith("/")
            args = args.rstrip().removesuffix("/")
            closing = bool(match.group(f"{prefix}close"))
            return Tag(
                "hugo", name.casefold(), parse_args(args), closing, start, end, text, self_closing
            )
    if match.group("lname"):
        name = match.group("lname").casefold()
        args = (match.group("largs") or "").strip()
        call = _ZOLA_CALL.match(name + args) if args.startswith("(") else None
        if call:
            return Tag("zola", name, parse_args(call.group("args")), False, start, end, text)
        closing = name.startswith("end")
        return Tag("liquid", name, [("", args)], closing, start, end, text)
    expr = match.group("expr").strip()
    call = _ZOLA_CALL.match(expr)
    if call:
        return Tag(
            "zola",
            call.group("name").casefold(),
            parse_args(call.group("args")),
            False,
            start,
            end,
            text,
            self_closing=True,
        )
    return Tag("output", "", [("", expr)], False, start, end, text)


def liquid_words(tag: Tag) -> list[str]:
    try:
        return shlex.split(tag.raw_args)
    except ValueError:
        return tag.raw_args.split()


def find_closer(text: str, opener: Tag, start: int) -> tuple[Tag, int] | None:
    """The tag closing ``opener`` (nesting counted) and where its inner text ends."""
    depth = 0
    for match in TAG.finditer(text, start):
        tag = read_tag(match)
        if opener.kind == "hugo" and tag.kind == "hugo" and tag.name == opener.name:
            if tag.closing:
                if depth == 0:
                    return tag, match.start()
                depth -= 1
            elif not tag.self_closing:
                depth += 1
        elif opener.kind == "zola" and tag.kind == "liquid" and tag.name == "end":
            if depth == 0:
                return tag, match.start()
            depth -= 1
        elif opener.kind == "zola" and tag.kind == "zola" and not tag.self_closing:
            depth += 1
        elif opener.kind == "liquid" and tag.kind == "liquid":
            if tag.name == "end" + opener.name:
                if depth == 0:
                    return tag, match.start()
                depth -= 1
            elif tag.name == opener.name:
                depth += 1
    return None


class Converter(Protocol):
    """Turns one tag (and its inner text, for paired ones) into MyST."""

    def paired(self, tag: Tag) -> bool | None:
        """True: needs a closing tag; False: never has one; None: has one if found."""

    def convert(self, tag: Tag, inner: str | None, line: int, out: Output) -> Result | None:
        """The replacement, or None to leave the tag for the repair pass."""


@dataclass(frozen=True)
class Result:
    text: str
    #: A block (directive, code) goes on lines of its own, with blank lines around.
    block: bool = False
    #: Counted as a conversion ("" for escapes that are not one).
    counted: str = "converted"


@dataclass
class Output:
    """Converted text, with the body line each output line came from."""

    parts: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=lambda: [0])
    counts: Counter[str] = field(default_factory=Counter)
    #: (body line, 0-based; message)
    notes: list[tuple[int, str]] = field(default_factory=list)
    _tail: str = ""

    def add(self, text: str, line: int, *, verbatim: bool = True) -> None:
        if not text:
            return
        if not self.parts:
            self.lines[0] = line
        for offset, _segment in enumerate(text.split("\n")[1:], start=1):
            self.lines.append(line + offset if verbatim else line)
        self.parts.append(text)
        self._tail = (self._tail + text)[-8:]

    def add_block(self, text: str, line: int, following: str) -> int:
        """Add ``text`` on lines of its own; returns how much of ``following`` it used."""
        if self.parts and not self._tail.endswith("\n"):
            self.add("\n\n", line, verbatim=False)
        elif self.parts and not self._tail.endswith("\n\n") and self.text.strip():
            self.add("\n", line, verbatim=False)
        self.add(text.rstrip("\n") + "\n", line, verbatim=False)
        used = 1 if following.startswith("\n") else 0
        rest = following[used:]
        if rest and not rest.startswith("\n"):
            self.add("\n", line, verbatim=False)
        return used

    @property
    def text(self) -> str:
        return "".join(self.parts)


def convert_markup(body: str, converter: Converter, first_line: int = 0) -> Output:
    """``body`` with every tag ``converter`` knows converted (see the module docstring)."""
    out = Output()
    spans, html = markup_spans(body)
    newlines = [i for i, char in enumerate(body) if char == "\n"]

    def line_of(offset: int) -> int:
        from bisect import bisect_left

        return first_line + bisect_left(newlines, offset)

    pos = 0
    while (match := TAG.search(body, pos)) is not None:
        tag = read_tag(match)
        out.add(body[pos : tag.start], line_of(pos))
        line = line_of(tag.start)
        in_code = any(start <= tag.start < end for start, end in spans)
        in_html = any(start <= tag.start < end for start, end in html)
        pos = tag.end
        if tag.kind == "escape":
            out.add(tag.text if in_code else as_literal_code(tag.text), line)
            continue
        if tag.kind == "liquid" and tag.name in _RAW:
            # {% raw %} only protected what it holds from Liquid: it is literal text.
            closer = find_closer(body, tag, tag.end) if tag.name == "raw" else None
            if closer is not None:
                held = body[tag.end : closer[1]]
                out.add(held if in_code or in_html else TAG.sub(_literal, held), line)
                pos = closer[0].end
            continue
        if in_code:
            out.add(tag.text, line)
            continue
        inner: str | None = None
        end = tag.end
        wants = converter.paired(tag)
        if wants is not False and not tag.closing and not tag.self_closing:
            closer = find_closer(body, tag, tag.end)
            if closer is not None:
                inner, end = body[tag.end : closer[1]], closer[0].end
            elif wants:
                out.notes.append((line, f"{_short(tag.text)} is never closed; kept as text"))
                out.add(tag.text, line)
                continue
        result = converter.convert(tag, inner, line, out)
        line_start = body.rfind("\n", 0, tag.start) + 1
        if result is not None and result.block and body[line_start : tag.start].strip():
            result = None  # a block in the middle of a sentence: left for the repair pass
        if result is None:
            if in_html:
                # The inline pass does not look inside HTML blocks: said here, once.
                out.counts["shortcode-kept"] += 1
                out.notes.append((line, f"{_short(tag.text)} inside HTML kept as literal text"))
            out.add(tag.text, line)
            continue
        if result.counted:
            out.counts[f"shortcode-{result.counted}"] += 1
        if result.block:
            end += out.add_block(result.text, line, body[end:])
        else:
            out.add(result.text, line, verbatim=False)
        pos = end
    out.add(body[pos:], line_of(pos))
    return out


def _literal(match: re.Match[str]) -> str:
    return as_literal_code(match.group(0))


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")
