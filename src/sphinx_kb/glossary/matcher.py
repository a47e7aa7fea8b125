"""One Aho–Corasick automaton over every form of every term.

Matching is case-insensitive (abbreviations excepted, see ``forms``), on whole
words, and the longest match wins: "adaptive immune system" is one match, not
"immune system" inside it.  The automaton is built once per process for a given
term set (see :func:`matcher_for`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from .forms import forms_of, is_case_sensitive
from .terms import Glossary, term_key


@dataclass(frozen=True)
class Target:
    """What a form stands for."""

    #: The entry's id (its primary term's normalized key): mentions are recorded under it.
    term_id: str
    #: The term line to link to, as written in the glossary (a std ``term`` target).
    reftarget: str
    #: The form as written, for case-sensitive forms; "" otherwise.
    exact: str = ""


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    target: Target


def _is_word_char(char: str) -> bool:
    # Hyphens join words: "immune-related" does not mention "immune", "anti-PD-1" not "PD-1".
    return char.isalnum() or char in "-_"


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every offset kept (a few characters lengthen when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def term_table(glossary: Glossary, exclude: Iterable[str] = ()) -> dict[str, Target]:
    """Every matchable form (lower-cased key) and what it links to.

    An excluded name switches off its whole entry.  When two entries share a
    form, the first entry in the glossary keeps it.
    """
    excluded = {term_key(name) for name in exclude}
    table: dict[str, Target] = {}
    for entry in glossary.entries:
        if any(term_key(term) in excluded for term in entry.terms):
            continue
        for term in entry.terms:
            extra = entry.forms if term == entry.terms[0] else ()
            for form in sorted(forms_of(term, extra)):
                exact = form if is_case_sensitive(form) else ""
                table.setdefault(form.lower(), Target(entry.id, term, exact))
    return table


def table_digest(table: dict[str, Target]) -> str:
    """Changes exactly when what would be linked changes."""
    digest = hashlib.sha1()
    for key in sorted(table):
        target = table[key]
        digest.update(f"{key}\0{target.term_id}\0{target.reftarget}\0{target.exact}\n".encode())
    return digest.hexdigest()


class Matcher:
    """Finds glossary terms in text."""

    def __init__(self, table: dict[str, Target]) -> None:
        self.table = table
        self.digest = table_digest(table)
        self._automaton: ahocorasick.Automaton | None = None
        if table:
            automaton = ahocorasick.Automaton()
            for key, target in table.items():
                automaton.add_word(key, (len(key), target))
            automaton.make_automaton()
            self._automaton = automaton

    def __bool__(self) -> bool:
        return self._automaton is not None

    def find(self, text: str) -> list[Match]:
        """Non-overlapping whole-word matches, longest first, in text order."""
        if self._automaton is None:
            return []
        lowered = lower_same_length(text)
        size = len(text)
        found: list[tuple[int, int, Target]] = []
        for end_index, (length, target) in self._automaton.iter(lowered):
            start = end_index - length + 1
            end = end_index + 1
            if start > 0 and _is_word_char(text[start - 1]):
                continue
            if end < size and _is_word_char(text[end]):
                continue
            if target.exact and text[start:end] != target.exact:
                continue
            found.append((start, end, target))
        if not found:
            return []
        # Longest first, then leftmost; keep what does not overlap an earlier pick.
        found.sort(key=lambda item: (item[0] - item[1], item[0]))
        taken = bytearray(size)
        picked: list[Match] = []
        for start, end, target in found:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            picked.append(Match(start, end, target))
        picked.sort(key=lambda m: m.start)
        return picked


_MATCHERS: dict[tuple[int, tuple[str, ...]], tuple[Glossary, Matcher]] = {}


def matcher_for(glossary: Glossary, exclude: Iterable[str] = ()) -> Matcher:
    """The matcher for this glossary and exclusions, built once per process.

    ``read_glossary`` returns the same object while the file is unchanged, so the
    object's identity is a cheap key (the glossary is kept in the value so the
    id is not reused).
    """
    key = (id(glossary), tuple(sorted(term_key(name) for name in exclude)))
    cached = _MATCHERS.get(key)
    if cached is not None and cached[0] is glossary:
        return cached[1]
    _MATCHERS.clear()  # only the current term set is worth keeping
    matcher = Matcher(term_table(glossary, key[1]))
    _MATCHERS[key] = (glossary, matcher)
    return matcher
