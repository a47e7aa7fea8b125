"""The e-book's cover: an SVG drawn from the title and description.

SVG is one of EPUB 3's core image types, so the cover needs no image library
and stays sharp at any size.  SVG cannot wrap text, so lines are broken here.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from xml.sax.saxutils import escape

from ..fileio import write_if_changed

WIDTH, HEIGHT = 1200, 1800
ACCENT = "#005470"  # the PDF's accent colour (sphinxkbbook.sty)


def _lines(text: str, width: int, limit: int) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > limit:
        lines = [*lines[: limit - 1], textwrap.shorten(" ".join(lines[limit - 1 :]), width)]
    return lines


def _text(lines: list[str], y: int, size: int, step: int, **attrs: str) -> str:
    extra = "".join(f' {key.replace("_", "-")}="{value}"' for key, value in attrs.items())
    spans = "".join(
        f'<tspan x="120" y="{y + n * step}">{escape(line)}</tspan>' for n, line in enumerate(lines)
    )
    return f'<text font-size="{size}"{extra}>{spans}</text>'


def cover_svg(title: str, description: str, edition: str) -> str:
    title_lines = _lines(title, 14, 5)
    title_end = 560 + (len(title_lines) - 1) * 120
    parts = [
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<rect width="{WIDTH}" height="260" fill="{ACCENT}"/>',
        f'<rect x="120" y="380" width="360" height="18" fill="{ACCENT}"/>',
        _text(title_lines, 560, 104, 120, font_weight="bold", fill=ACCENT),
    ]
    if description:
        parts.append(_text(_lines(description, 36, 6), title_end + 150, 50, 70, fill="#1a1a1a"))
    if edition:
        parts.append(_text([edition], HEIGHT - 200, 44, 0, fill="#333333"))
    parts.append(f'<rect y="{HEIGHT - 90}" width="{WIDTH}" height="90" fill="{ACCENT}"/>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'font-family="sans-serif" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}">'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>\n"
    )


def write_cover(path: Path, title: str, description: str, edition: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(path, cover_svg(title, description, edition))
