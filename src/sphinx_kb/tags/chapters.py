"""The book's topic chapters (``kb_pdf_grouping = "tag"``).

A printed article appears once, so it belongs to one chapter: the first of its
tags in the vocabulary's order.  ``tags.yml`` is the editor's list of topics,
broadest first, so broad topics become chapters and narrow ones stay tags (a
page's own tag order says nothing about breadth).  Undeclared tags come after
the declared ones, the most used first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence


def book_chapters(
    tags_by_doc: Mapping[str, Sequence[str]], declared: Iterable[str]
) -> tuple[dict[str, str], list[str]]:
    """Each tagged article's chapter (a tag key), and the chapters in book order."""
    rank = {key: index for index, key in enumerate(declared)}
    uses = Counter(key for keys in tags_by_doc.values() for key in keys)

    def order(key: str) -> tuple[int, int, str]:
        if key in rank:
            return (0, rank[key], "")
        return (1, -uses[key], key)

    owner = {doc: min(keys, key=order) for doc, keys in tags_by_doc.items() if keys}
    return owner, sorted(set(owner.values()), key=order)
