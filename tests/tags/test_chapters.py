"""The book's topic chapters (kb_pdf_grouping = "tag"): which tag heads which article."""

from __future__ import annotations

from sphinx_kb.tags.chapters import book_chapters


def test_first_of_an_articles_tags_in_the_vocabulary_order() -> None:
    declared = ["immune system", "cancer", "vaccines"]
    owner, chapters = book_chapters(
        {
            "a": ["vaccines", "immune system"],  # the page's own order does not matter
            "b": ["cancer", "vaccines"],
            "c": ["vaccines"],
            "d": [],  # untagged: no chapter
        },
        declared,
    )
    assert owner == {"a": "immune system", "b": "cancer", "c": "vaccines"}
    assert chapters == ["immune system", "cancer", "vaccines"]


def test_undeclared_tags_come_after_declared_ones_most_used_first() -> None:
    owner, chapters = book_chapters(
        {"a": ["zeta", "cancer"], "b": ["zeta"], "c": ["alpha"], "d": ["beta", "zeta"]},
        ["cancer"],
    )
    assert owner == {"a": "cancer", "b": "zeta", "c": "alpha", "d": "zeta"}
    # Undeclared: by use ("zeta" 3), then by name ("alpha" before "beta", which heads none).
    assert chapters == ["cancer", "zeta", "alpha"]
