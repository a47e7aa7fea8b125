"""The sphinxext-opengraph door: tags found by their attributes, not their spelling."""

from __future__ import annotations

from sphinx_kb.internals.opengraph import edit_metatags, meta_key

WRITTEN = (
    '<meta property="og:title" content="A &gt; B" />\n'
    '<meta property="og:type" content="website" />\n'
    '<meta name="description" content="scraped > text" />\n'
    '<meta property="og:description" content="scraped" />\n'
)


def test_tags_are_replaced_in_place_and_dropped() -> None:
    changes = {
        "og:type": '<meta property="og:type" content="article" />',
        "description": None,
        "og:description": None,
    }
    assert edit_metatags(WRITTEN, changes) == (
        '<meta property="og:title" content="A &gt; B" />\n'
        '<meta property="og:type" content="article" />\n'
    )


def test_another_spelling_of_the_same_tags_is_still_found() -> None:
    # Attribute order, quotes, case and self-closing as another release might write them.
    other = "<meta content='website' PROPERTY='og:type'><META content=x name=Description>"
    assert meta_key("<meta content='website' PROPERTY='og:type'>") == "og:type"
    assert edit_metatags(other, {"og:type": "<T>", "description": None}) == "<T>"


def test_tags_not_asked_for_are_kept_byte_for_byte() -> None:
    assert edit_metatags(WRITTEN, {"og:image": None}) == WRITTEN
