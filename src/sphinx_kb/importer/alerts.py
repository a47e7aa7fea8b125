"""GitHub-style alerts (``> [!NOTE]``) become MyST admonitions.

GitHub, Hugo (0.132+), Obsidian and many Markdown renderers write a callout as a
block quote whose first line is ``[!TYPE]``.  MyST shows that as a quote starting
with the literal text "[!NOTE]", so the importer turns it into the admonition of
the same name.  An optional title after the marker (Hugo, Obsidian) becomes a
titled ``admonition``.  Quotes inside fenced code are left alone, and line numbers
stay where they were (the closing fence takes the blank line after the quote), so
later messages still name the right source line.
"""

from __future__ import annotations

import re
from collections import Counter

#: GitHub's five kinds; each is a docutils admonition of the same name.
KINDS = frozenset({"note", "tip", "important", "warning", "caution"})

_MARKER = re.compile(r"^ {0,3}>[ \t]?\[!(?P<kind>[A-Za-z]+)\][ \t]*(?P<title>.*?)[ \t]*$")
_QUOTED = re.compile(r"^ {0,3}>[ \t]?(?P<text>.*)$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")


def convert_alerts(body: str, counts: Counter[str] | None = None) -> str:
    """``body`` with every GitHub alert outside code written as a MyST admonition."""
    if "[!" not in body:
        return body
    lines = body.split("\n")
    out: list[str] = []
    fence = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        opened = _FENCE.match(line)
        if fence:
            closing = opened["fence"] if opened else ""
            if closing[:1] == fence[0] and len(closing) >= len(fence):
                fence = ""
            out.append(line)
            index += 1
            continue
        if opened:
            fence = opened.group("fence")
            out.append(line)
            index += 1
            continue
        marker = _MARKER.match(line)
        if marker is None or marker.group("kind").casefold() not in KINDS:
            out.append(line)
            index += 1
            continue
        kind = marker.group("kind").casefold()
        inner: list[str] = []
        index += 1
        while index < len(lines) and (quoted := _QUOTED.match(lines[index])) is not None:
            inner.append(quoted.group("text"))
            index += 1
        ticks = "`" * max(3, _longest_backtick_fence(inner) + 1)
        title = marker.group("title")
        if title:
            out += [f"{ticks}{{admonition}} {title}", f":class: {kind}"]
        else:
            out.append(f"{ticks}{{{kind}}}")
        out += inner
        out.append(ticks)
        if index < len(lines) and not lines[index].strip():
            index += 1  # the closing fence took the blank line's place
        if counts is not None:
            counts["alert"] += 1
    return "\n".join(out)


def _longest_backtick_fence(lines: list[str]) -> int:
    found = [
        len(m["fence"]) for line in lines if (m := _FENCE.match(line)) and m["fence"][0] == "`"
    ]
    return max(found, default=0)
