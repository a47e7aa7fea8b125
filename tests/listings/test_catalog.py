"""Catalog queries: memoized selections give every page what a fresh filter would."""

from __future__ import annotations

from sphinx_kb.environment.domain import ArticleRecord
from sphinx_kb.listings.catalog import Catalog
from sphinx_kb.tags.vocabulary import Vocabulary


def _catalog() -> Catalog:
    records = [
        ArticleRecord(
            docname=f"docs/articles/a{n}",
            title=f"Title {(n * 7) % 23}",
            date="" if n % 11 == 0 else f"20{20 + n % 3}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            timestamp="",
            tags=("even",) if n % 2 == 0 else ("odd",),
        )
        for n in range(60)
    ]
    return Catalog.from_records(records, [], Vocabulary(), {})


def _fresh(catalog: Catalog, tag: str, year: str, month: int, sort: str) -> list[str]:
    items = catalog.by_tag.get(tag, []) if tag else catalog.articles
    if year == "undated":
        items = [a for a in items if not a.date]
    elif year:
        items = [a for a in items if a.date[:4] == year]
    if month:
        items = [a for a in items if int(a.date[5:7]) == month]
    if sort == "title":
        items = sorted(items, key=lambda a: (a.title.casefold(), a.docname))
    elif sort == "oldest":
        items = items[::-1]
    return [a.docname for a in items]


def test_pages_of_a_selection_are_slices_of_the_whole() -> None:
    catalog = _catalog()
    for tag, year, month in [("", "", 0), ("even", "", 0), ("", "2021", 0), ("odd", "2022", 3)]:
        for sort in ("date", "title", "oldest"):
            expected = _fresh(catalog, tag, year, month, sort)
            pages = [
                catalog.select(tag=tag, year=year, month=month, sort=sort, offset=o, limit=7)
                for o in range(0, 70, 7)
            ]
            assert [a.docname for page in pages for a in page] == expected
            whole = catalog.select(tag=tag, year=year, month=month, sort=sort)
            assert [a.docname for a in whole] == expected
    undated = catalog.select(year="undated")
    assert undated and all(not a.date for a in undated)
