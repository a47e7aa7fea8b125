"""Raw HTML tables kept whole: one HTML block from ``<table>`` to ``</table>``.

Exports often hold hand-written tables with blank lines between rows or cells.
For CommonMark a blank line ends an HTML block, so the rest of the table became
new blocks: indented cells turned into code blocks that showed the HTML as text,
and the first part, a ``<table>`` left open, lost its rows to the sanitizer.
Generators that use kramdown or Goldmark with ``unsafe`` HTML read the table as
one element, so blank lines inside a table are removed here (outside code
fences), each output line keeping the line it came from.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
_STARTS_BLOCK = re.compile(r"^ {0,3}<table\b", re.IGNORECASE)


def join_tables(text: str, lines: list[int]) -> tuple[str, list[int], int]:
    """(text, line map, tables joined): blank lines inside raw HTML tables removed."""
    source = text.split("\n")
    out: list[str] = []
    mapped: list[int] = []
    fence = ""
    depth = 0
    joined = 0
    removed_here = False
    for index, line in enumerate(source):
        origin = lines[index] if index < len(lines) else (lines[-1] if lines else 0)
        opening = _FENCE.match(line)
        if depth == 0:
            if fence:
                if opening and opening.group(1)[0] == fence[0]:
                    fence = "" if len(opening.group(1)) >= len(fence) else fence
            elif opening:
                fence = opening.group(1)
            elif _STARTS_BLOCK.match(line):
                depth = _depth_change(line)
                removed_here = False
        else:
            if not line.strip():
                removed_here = True
                continue  # a blank line would end the HTML block mid-table
            depth = max(0, depth + _depth_change(line))
            if depth == 0 and removed_here:
                joined += 1
        out.append(line)
        mapped.append(origin)
    return "\n".join(out), mapped, joined


def _depth_change(line: str) -> int:
    return len(_OPEN.findall(line)) - len(_CLOSE.findall(line))
