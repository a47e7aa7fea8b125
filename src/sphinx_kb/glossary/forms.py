"""The written forms of a term: plural or singular, hyphen or space, with ``inflect``.

Only the last word of a term is inflected ("T cell" -> "T cells", "antibody" ->
"antibodies", "cytokine release syndrome" -> "... syndromes").  A term given in
the plural also gets its singular, but only when the round trip agrees, because
``inflect`` singularises "metastasis" to "metastasi".
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

#: Part of the term-set digest: bump it when the forms made from a term change (here
#: or in ``matcher.term_table``), so every article is re-read with the new forms and
#: the forms cached in the environment are made again.
FORMS_VERSION = 1
_ABBREVIATION = re.compile(r"^[A-Z0-9][A-Z0-9-]*[A-Z][A-Z0-9-]*$|^[A-Z0-9]*[A-Z][A-Z0-9-]*[0-9]$")
_LETTERS = re.compile(r"[A-Za-z]")
#: A hyphen joining words ("T-cell", "anti-inflammatory"), not one inside "PD-1" or "PD-L1".
_WORD_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[a-z])")


def is_abbreviation(word: str) -> bool:
    """All capitals (and digits or hyphens), at least two characters: "MHC", "PD-1", "CD19"."""
    return len(word) >= 2 and bool(_ABBREVIATION.match(word))


def is_case_sensitive(form: str) -> bool:
    """Abbreviations (and their plurals) match only as written, so "CAR" is not "car"."""
    if " " in form:
        return False
    return is_abbreviation(form) or (form.endswith("s") and is_abbreviation(form[:-1]))


@cache
def _engine() -> Any:
    # Imported on first use, without typeguard's import-time cost (internals.inflect).
    from ..internals.inflect import import_inflect

    return import_inflect().engine()


@lru_cache(maxsize=65536)
def _plural(word: str) -> str | None:
    if not _LETTERS.search(word):
        return None
    if is_abbreviation(word):
        return word + "s"  # inflect would give "MHCS"
    try:
        # Lower case: inflect treats capitalised words as names ("Antibodys").
        plural = _engine().plural_noun(word.lower())
    except Exception:  # inflect rejects some inputs outright; then there is no plural
        return None
    return plural if isinstance(plural, str) and plural and plural != word.lower() else None


@lru_cache(maxsize=65536)
def _singular(word: str) -> str | None:
    if is_abbreviation(word) or len(word) < 3 or word.lower().endswith(("is", "us", "ss")):
        return None  # "metastasis", "virus", "mass" are singular already
    try:
        singular = _engine().singular_noun(word.lower())
    except Exception:  # as above
        return None
    if not isinstance(singular, str) or not singular or singular == word.lower():
        return None
    # Keep it only if pluralising it gives the word back ("criteria" <-> "criterion").
    return singular if _plural(singular) == word.lower() else None


def _inflections(term: str) -> set[str]:
    head, _sep, last = term.rpartition(" ")
    prefix = f"{head} " if head else ""
    out = {term}
    singular = _singular(last)
    if singular is not None:
        out.add(prefix + singular)
    else:
        plural = _plural(last)
        if plural is not None:
            out.add(prefix + plural)
    return out


def forms_of(term: str, extra: tuple[str, ...] = ()) -> set[str]:
    """Every form under which ``term`` is recognised in text.

    The term as written keeps its case; inflected forms are lower case except for
    abbreviations ("MHCs"), the only forms matched case-sensitively.
    """
    term = " ".join(term.split())
    if not term:
        return set()
    variants = {term}
    if term.count(" ") == 1:
        variants.add(term.replace(" ", "-"))  # "T cell" also as "T-cell"
    if _WORD_HYPHEN.search(term):
        variants.add(_WORD_HYPHEN.sub(" ", term))  # "T-cell" also as "T cell"
    out: set[str] = set()
    for variant in variants:
        out |= _inflections(variant)
    for form in extra:
        form = " ".join(form.split())
        if form:
            out |= _inflections(form)  # a declared form gets its plural too
    return out
