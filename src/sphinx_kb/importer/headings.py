"""Headings of a Markdown body as generators saw them: text, explicit ``{#id}``, anchor."""

from __future__ import annotations

import re

from docutils.nodes import make_id

from ..articles.model import clean_text

_MARKUP = re.compile(r"[*_`]+")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_EXPLICIT_ID = re.compile(r"\s*\{#(?P<id>[A-Za-z0-9_:.-]+)(?:\s+[^}]*)?\}\s*$")


def heading_text(markdown: str) -> str:
    """Plain text of a heading's Markdown (emphasis and code marks removed)."""
    return clean_text(_MARKUP.sub("", markdown))


def scan_headings(body: str) -> list[tuple[int, str, str]]:
    """(line index, heading text, explicit id) of the ATX headings outside code fences."""
    found: list[tuple[int, str, str]] = []
    fence = ""
    for index, line in enumerate(body.split("\n")):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = _HEADING.match(line)
        if match:
            text = match.group(2)
            explicit = _EXPLICIT_ID.search(text)
            ident = ""
            if explicit:
                ident = explicit.group("id")
                text = text[: explicit.start()]
            found.append((index, text, ident))
    return found


def generator_anchor(text: str) -> str:
    """The id Hugo, kramdown and GitHub give a heading (lower case, spaces to hyphens)."""
    plain = heading_text(re.sub(r"<[^>]+>", "", text)).casefold()
    plain = re.sub(r"[^\w\- ]", "", plain)
    return plain.replace(" ", "-")


def section_id(text: str) -> str:
    """The id docutils gives a heading with this (Markdown) text."""
    return make_id(heading_text(re.sub(r"<[^>]+>", "", text)))
