"""Glossary terms for ``kb check``: thin glue over :mod:`sphinx_kb.glossary`.

The glossary package owns the grammar of the ``{glossary}`` block, the forms of a
term and the matcher the build's auto-linking uses; the check re-uses them so a
term counts as "used" exactly when the build would link it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..glossary.backlinks import unused_terms
from ..glossary.matcher import Matcher, matcher_for
from ..glossary.terms import Glossary, parse_glossary, term_key
from ..problems import Problem

__all__ = [
    "Glossary",
    "duplicate_terms",
    "explicit_target",
    "mentioned_ids",
    "parse_glossary",
    "term_key",
    "unused_terms",
]

_TITLED = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t].*$", re.M)


def explicit_target(content: str) -> str:
    """The target of a role: ``text <target>`` or the whole content."""
    titled = _TITLED.match(content)
    return (titled["target"] if titled else content).strip()


def duplicate_terms(glossary: Glossary) -> list[Problem]:
    """(line, message) for terms defined twice exactly (Sphinx warns, and keeps the last)."""
    first: dict[str, int] = {}
    found = []
    for entry in glossary.entries:
        for term, line in zip(entry.terms, entry.lines, strict=True):
            if term in first:
                message = f"glossary term {term!r} is already defined on line {first[term]}"
                found.append(Problem("warning", message, line, "term-duplicate"))
            first.setdefault(term, line)
    return found


def matcher(glossary: Glossary, exclude: Iterable[str]) -> Matcher:
    return matcher_for(glossary, tuple(exclude))


def mentioned_ids(text: str, found: Matcher) -> set[str]:
    """Entry ids the build's auto-linking would find in this prose (headings are skipped)."""
    if not found:
        return set()
    prose = _HEADING.sub("", text).replace("\n", " ")
    return {match.target.term_id for match in found.find(prose)}
