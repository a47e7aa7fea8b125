"""The line scanner behind ``kb check``: fences, code, roles, links and raw HTML."""

from __future__ import annotations

from sphinx_kb.check.markup import scan_markup


def test_code_is_never_scanned() -> None:
    body = (
        "Before.\n"
        "````{note}\n"
        "```python\n"
        "{term}`hidden` [x](hidden.md) <script>\n"
        "```\n"
        "Inside the note: {term}`seen`.\n"
        "````\n"
        "~~~\n"
        "<b>hidden</b>\n"
        "~~~\n"
        "Inline ``{term}`still hidden` `` and `<i>` code.\n"
    )
    markup = scan_markup(body, 10)
    assert markup.roles == [(15, "term", "seen")]
    assert markup.links == []
    assert markup.tags == []
    assert [d.name for d in markup.directives] == ["note"]


def test_a_fence_ends_at_the_first_line_that_closes_it() -> None:
    # As in markdown-it: an outer ``` fence closes at the first bare ```, even if an
    # inner fence was meant to be nested.
    body = "```{note}\n```python\ncode\n```\n{term}`after`\n"
    assert scan_markup(body).roles == [(5, "term", "after")]


def test_directive_options_and_content() -> None:
    body = "```{toctree}\n:hidden:\n:glob:\n\nfirst\nTitle <second>\n```\n"
    (toctree,) = scan_markup(body).directives
    assert toctree.options == {"hidden": "", "glob": ""}
    assert [text for _line, text in toctree.content if text] == ["first", "Title <second>"]


def test_colon_fences_only_when_enabled() -> None:
    body = ":::{note}\n<b>x</b>\n:::\n"
    assert [d.name for d in scan_markup(body, colon_fence=True).directives] == ["note"]
    assert scan_markup(body, colon_fence=False).directives == []


def test_links_images_and_definitions() -> None:
    body = (
        "![alt](img/a.png) and [text](page.md#part) and [p](wiki/Foo_(bar).md)\n"
        '[t](<with space.md> "title") <https://example.org>\n'
        "[ref]: defined.md\n"
    )
    assert scan_markup(body).links == [
        (1, "img/a.png", True),
        (1, "page.md#part", False),
        (1, "wiki/Foo_(bar).md", False),
        (2, "with space.md", False),
        (3, "defined.md", False),
        (2, "https://example.org", False),
    ]


def test_raw_html_tags_span_lines_and_raw_blocks() -> None:
    body = 'Text <img\n  src="x"\n  onerror="y"> more.\n\n```{raw} html\n<script>x</script>\n```\n'
    markup = scan_markup(body)
    assert markup.tags == [
        (6, "<script>"),
        (6, "</script>"),
        (1, '<img\n  src="x"\n  onerror="y">'),
    ]


def test_labels_first_heading_and_prose() -> None:
    markup = scan_markup("(my-label)=\n# Title here\n\nCafé crème.\n", 5)
    assert markup.labels == [(5, "my-label")]
    assert markup.first_h1 is None  # the first line is the label, not the heading
    assert markup.prose == [(8, "Café crème.")]
    assert scan_markup("\n# Title here\n").first_h1 == "Title here"
