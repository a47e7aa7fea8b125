"""kb check's reading of directives the build confines (check/reads.py, check/urls.py)."""

from __future__ import annotations

from sphinx_kb.check.markup import Directive, scan_markup
from sphinx_kb.check.reads import all_directives, rst_directives, targets
from sphinx_kb.check.urls import directive_url


def test_rst_directives_in_eval_rst_are_read_with_their_options() -> None:
    content = [
        (10, ".. csv-table:: Title"),
        (11, "   :file: /proc/self/environ"),
        (12, "   :header-rows: 1"),
        (13, ""),
        (14, ".. meta::"),
        (15, "   :http-equiv=refresh: 0;url=https://evil.example/"),
        (16, ""),
        (17, "Text `x <javascript:y>`_"),
    ]
    found = rst_directives(content)
    assert [(d.name, d.line, d.argument) for d in found] == [
        ("csv-table", 10, "Title"),
        ("meta", 14, ""),
    ]
    assert found[0].options == {"file": "/proc/self/environ", "header-rows": "1"}
    assert found[1].options == {"http-equiv=refresh": "0;url=https://evil.example/"}


def test_every_read_of_a_directive_is_named() -> None:
    literal = Directive("literalinclude", "a.py", 1, {"diff": "b.py"})
    assert list(targets(literal)) == [("file", "a.py"), ("file", "b.py")]
    raw = Directive("raw", "html", 1, {"file": "x.html", "url": "https://h/x"})
    assert list(targets(raw)) == [("file", "x.html"), ("url", "https://h/x")]
    assert list(targets(Directive("code-block", "python", 1, {"file": "x"}))) == []


def test_nested_eval_rst_directives_are_seen() -> None:
    body = "```{eval-rst}\n.. include:: ../../x.txt\n```\n"
    names = [d.name for d in all_directives(scan_markup(body).directives)]
    assert names == ["eval-rst", "include"]


def test_directive_urls() -> None:
    assert directive_url(Directive("image", "a.png", 1, {"target": "javascript:x"})) == (
        "javascript:x"
    )
    assert directive_url(Directive("button-link", "https://e.org", 1)) == "https://e.org"
    card = Directive("card", "", 1, {"link": "page", "link-type": "doc"})
    assert directive_url(card) is None  # a page name, not a URL
    assert directive_url(Directive("grid-item-card", "", 1, {"link": "x:y"})) == "x:y"
