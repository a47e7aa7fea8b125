"""A fast, line-based look at MyST source: directives, roles, links, raw HTML, prose.

It does not parse Markdown fully (markdown-it on 5,000 articles would take most of
a minute); it follows fences the way markdown-it does (a fence ends at the first
line that can close it, whatever is nested inside) and blanks code, so nothing in
a code sample is ever reported.  Positions are 1-based lines of the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..articles.frontmatter import H1

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[A-Za-z][\w:.+-]*)\}\s*(?P<arg>.*)$")
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):(?:\s+(?P<value>.*))?$")
#: A role or a code span, whichever starts first: a role inside a code span is code,
#: and the backticks of a role are not a code span.
_ROLE_OR_CODE = re.compile(
    r"\{(?P<name>[A-Za-z][\w:.+-]*)\}(?P<ticks>`+)(?P<content>.+?)(?P=ticks)"
    r"|(?<!`)(?P<code>`+)(?!`).+?(?<!`)(?P=code)(?!`)",
    re.S,
)
_LABEL = re.compile(r"^\s*\((?P<label>[^()\s][^()]*)\)=\s*$", re.M)
# Starts with a literal "[" so the regex engine can skip ahead fast; a "!" before
# it (an image) is looked at by hand.
_LINK = re.compile(
    r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]"
    r"\(\s*(?P<target><[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(?P<target><[^<>\n]*>|\S+)", re.M)
_AUTOLINK = re.compile(r"<(?P<target>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
#: An HTML open or close tag as CommonMark recognizes raw inline HTML.
TAG = re.compile(
    r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)"
    r"(?P<attrs>(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
    r"\s*/?>"
)

#: Directives whose content is not Markdown (never scanned for links or terms).
CODE_DIRECTIVES = frozenset(
    {
        "code",
        "code-block",
        "code-cell",
        "sourcecode",
        "literalinclude",
        "math",
        "mermaid",
        "graphviz",
        "eval-rst",
        "csv-table",
        "raw",
    }
)


@dataclass
class Directive:
    name: str
    argument: str
    line: int
    options: dict[str, str] = field(default_factory=dict)
    #: Content lines after the options: (line, text).
    content: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Markup:
    directives: list[Directive] = field(default_factory=list)
    #: (line, role name, role content) for ``{name}`content```.
    roles: list[tuple[int, str, str]] = field(default_factory=list)
    #: (line, target, is_image) for Markdown links, images and reference definitions.
    links: list[tuple[int, str, bool]] = field(default_factory=list)
    #: (line, label) for ``(label)=`` targets.
    labels: list[tuple[int, str]] = field(default_factory=list)
    #: (line, tag) for raw HTML tags in Markdown text and ``{raw} html`` blocks.
    tags: list[tuple[int, str]] = field(default_factory=list)
    #: (line, text) of prose lines that are not pure ASCII (mojibake candidates).
    prose: list[tuple[int, str]] = field(default_factory=list)
    #: Text of the first non-blank line when it is an H1.
    first_h1: str | None = None
    #: Prose with code, roles and link targets blanked, for glossary mentions.
    text: str = ""


@dataclass
class _Fence:
    char: str
    length: int
    kind: str  # "code" | "markdown"
    directive: Directive | None
    options_open: bool = True


def _closes(line: str, fence: _Fence) -> bool:
    # Indentation is not checked: MyST fences nested in lists are indented.
    stripped = line.strip()
    return len(stripped) >= fence.length and stripped == fence.char * len(stripped)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def scan_markup(body: str, first_line: int = 1, *, colon_fence: bool = True) -> Markup:
    """Everything the rules need from one body, in one pass plus a few regexes."""
    out = Markup()
    lines = body.split("\n")
    masked: list[str] = []
    stack: list[_Fence] = []
    for index, line in enumerate(lines):
        number = first_line + index
        if stack:
            closed = next((depth for depth, f in enumerate(stack) if _closes(line, f)), None)
            if closed is not None:
                del stack[closed:]
                masked.append("")
                continue
            top = stack[-1]
            directive = top.directive
            if directive is not None and top.options_open:
                option = _OPTION.match(line)
                if option and line.strip():
                    directive.options[option["key"]] = (option["value"] or "").strip()
                    masked.append("")
                    continue
                top.options_open = False
            if directive is not None:
                directive.content.append((number, line))
            if top.kind == "code":
                masked.append("")
                if (
                    directive is not None
                    and directive.name == "raw"
                    and "html" in (directive.argument.lower().split())
                ):
                    out.tags.extend((number, m.group(0)) for m in TAG.finditer(line))
                continue
        opening = _FENCE.match(line)
        if opening and (opening["fence"][0] != ":" or colon_fence):
            fence = opening["fence"]
            info = opening["info"].strip()
            if fence[0] == "`" and "`" in info:
                pass  # not a fence: an inline code span at the start of a line
            else:
                named = _DIRECTIVE.match(info)
                directive = None
                kind = "code"
                if named:
                    directive = Directive(named["name"], named["arg"].strip(), number)
                    out.directives.append(directive)
                    kind = "code" if directive.name in CODE_DIRECTIVES else "markdown"
                elif fence[0] == ":":
                    kind = "markdown"
                stack.append(_Fence(fence[0], len(fence), kind, directive))
                masked.append("")
                continue
        masked.append(line)
    for line in lines:
        if line.strip():
            heading = H1.match(line)
            out.first_h1 = heading.group(1).strip() if heading else None
            break
    _scan_text("\n".join(masked), first_line, out)
    return out


def _scan_text(text: str, first_line: int, out: Markup) -> None:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_at(offset: int) -> int:
        return first_line + bisect_right(starts, offset) - 1

    has = text.__contains__
    if has("`"):
        for match in _ROLE_OR_CODE.finditer(text):
            if match["name"]:
                out.roles.append((line_at(match.start()), match["name"], match["content"].strip()))
        text = _ROLE_OR_CODE.sub(_blank, text)
    if has(")="):
        out.labels.extend(
            (line_at(m.start("label")), m["label"].strip()) for m in _LABEL.finditer(text)
        )
    if has("]"):
        for match in _LINK.finditer(text):
            target = match["target"].strip("<>").strip()
            image = match.start() > 0 and text[match.start() - 1] == "!"
            out.links.append((line_at(match.start()), target, image))
        for match in _REF_DEF.finditer(text):
            out.links.append((line_at(match.start()), match["target"].strip("<>"), False))
    if has("<"):
        for match in _AUTOLINK.finditer(text):
            out.links.append((line_at(match.start()), match["target"], False))
        for match in TAG.finditer(text):
            out.tags.append((line_at(match.start()), match.group(0)))
    if not text.isascii():
        for offset, line in zip(starts, text.split("\n"), strict=True):
            if not line.isascii():
                out.prose.append((line_at(offset), line))
    # Link targets are not prose: "[x](immune-system.md)" mentions no term.
    if has("]("):
        text = _LINK.sub(lambda m: m.group(0)[: m.start("target") - m.start()], text)
    out.text = text
