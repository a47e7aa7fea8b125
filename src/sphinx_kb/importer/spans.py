"""Where generator markup means nothing: code (blocks and spans) and raw HTML blocks."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark").enable("table")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)")

Spans = list[tuple[int, int]]


def markup_spans(text: str) -> tuple[Spans, Spans]:
    """Character ranges of code blocks and code spans (markup there is left alone), and
    of raw HTML blocks (Markdown, and so a code span, means nothing there); one parse."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    code: Spans = []
    html: Spans = []
    for token in _MD.parse(text):
        if not token.map:
            continue
        span = (starts[token.map[0]], starts[token.map[1]] - 1)
        if token.type in ("fence", "code_block"):
            code.append(span)
        elif token.type == "html_block":
            html.append(span)
    code += [(match.start(), match.end()) for match in _CODE_SPAN.finditer(text)]
    return code, html
