"""What the build's sanitizer will do to a raw HTML tag, said in words.

The check runs the very function the build uses (:func:`sphinx_kb.sanitize.clean_inline`)
and compares the element and attributes before and after, so it reports exactly
what will be lost, and nothing for harmless differences such as quoting.
"""

from __future__ import annotations

from html.parser import HTMLParser

from ..articles.sanitize import CONTENT_TAGS, TABLE_CONTEXT, clean_block, clean_inline


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.start: tuple[str, list[tuple[str, str | None]]] | None = None
        self.all: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.all.append((tag, attrs))
        if self.start is None:
            self.start = (tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def changes(tag: str, *, in_block: bool = False) -> str:
    """``""`` when ``tag`` survives sanitizing as it is, else what happens to it.

    ``in_block``: the tag is part of an HTML block, which the build sanitizes whole,
    so a ``<td>`` there is inside its table (alone in a sentence it is dropped).
    """
    before = _parse(tag)
    context = TABLE_CONTEXT.get(before.start[0]) if in_block and before.start else None
    after = _parse(clean_block(context + tag)) if context else _parse(clean_inline(tag))
    if context and after.start is not None:
        after.start = next((t for t in after.all if t[0] == before.start[0]), None)
    if before.start is None:
        return ""  # a closing tag goes (or stays) with its opening tag, reported there
    name, attrs = before.start
    if after.start is None or after.start[0] != name:
        if name in CONTENT_TAGS:
            return f"<{name}> will be removed with its content"
        return f"<{name}> will be removed (the element is not allowed)"
    kept = {(key, value or "") for key, value in after.start[1]}
    lost = sorted({key for key, value in attrs if (key, value or "") not in kept})
    if not lost:
        return ""
    noun = "attribute" if len(lost) == 1 else "attributes"
    return f"<{name}>: {noun} {', '.join(lost)} will be removed"
