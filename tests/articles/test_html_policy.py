"""The one HTML policy: a published mutation-XSS corpus, nested payloads, one cleaner."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sphinx_kb.articles import html_policy, sanitize
from sphinx_kb.articles.html_policy import sanitize as clean
from sphinx_kb.articles.html_policy import unsafe_urls
from sphinx_kb.articles.url_policy import URL_ATTRIBUTES, is_safe_url, srcset_urls
from sphinx_kb.importer import sanitize as import_sanitize

CORPUS = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "xss" / "dompurify-payloads.json").read_text(
        encoding="utf-8"
    )
)
#: Payloads nested so that what one pass removes rebuilds a live element (issue 19, hole 3).
NESTED = [
    "<scr<script>x</script>ipt>alert(1)</scr<script>x</script>ipt>",
    "<sty<style>x</style>le>*{}</style>",
    "<img src=x on<script></script>error=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<!-- -->ipt>alert(1)</script>",
    '<a href="java<script></script>script:alert(1)">x</a>',
    "<img src=x oner<style></style>ror=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;<script>alert(2)</script>",
]
DANGEROUS_TAGS = {"script", "style", "iframe", "object", "embed", "form", "input", "button",
                  "svg", "math", "meta", "link", "base", "template", "noscript", "textarea",
                  "frameset", "frame", "isindex", "keygen", "option", "select"}  # fmt: skip


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    reader = _Elements()
    reader.feed(html)
    reader.close()
    return reader.found


def assert_harmless(html: str) -> None:
    for tag, attrs in elements(html):
        assert tag not in DANGEROUS_TAGS, html
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert name not in {"id", "name", "style"}, html
            if name in URL_ATTRIBUTES and value is not None:
                urls = srcset_urls(value) if name == "srcset" else [value]
                assert all(is_safe_url(url) for url in urls), html


def test_corpus_is_the_published_one() -> None:
    assert len(CORPUS) == 56
    assert (Path(__file__).parents[1] / "fixtures" / "xss" / "LICENSE").is_file()


@pytest.mark.parametrize("payload", CORPUS, ids=[f"dompurify-{i}" for i in range(len(CORPUS))])
def test_corpus_payload_is_harmless_and_a_fixed_point(payload: str) -> None:
    out = clean(payload)
    assert_harmless(out)
    assert clean(out) == out


@pytest.mark.parametrize("payload", NESTED)
def test_nested_payload_cannot_rebuild_a_live_element(payload: str) -> None:
    out = clean(payload)
    assert_harmless(out)
    assert "<script" not in out.lower() and "<style" not in out.lower()
    assert "onerror=" not in out.lower().replace(" ", "")
    assert clean(out) == out


def test_plain_markup_is_kept_as_it_is() -> None:
    html = '<p class="note">A <a href="https://example.org/a?b=1">link</a> and <em>x</em></p>'
    assert clean(html) == html


def test_id_is_removed_everywhere() -> None:
    # Content must not clobber ids the page's scripts and Sphinx's anchors use.
    assert clean('<a href="#x" id="searchbox">x</a>') == '<a href="#x">x</a>'
    assert import_sanitize.sanitize_tag('<span id="searchbox">') == "<span>"


@pytest.mark.parametrize(
    ("html", "refused"),
    [
        ('<a href="javascript:alert(1)">x</a>', ["javascript:alert(1)"]),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', ["jav\tascript:alert(1)"]),
        ("<img src=' JaVaScRiPt:alert(1)'>", [" JaVaScRiPt:alert(1)"]),
        ('<img srcset="a.png 1x, vbscript:x 2x">', ["vbscript:x"]),
        ('<video poster="data:image/svg+xml,&lt;svg&gt;"></video>', ["data:image/svg+xml,<svg>"]),
        ('<a href="https://example.org">x</a><a href="/a">y</a><a href="#b">z</a>', []),
    ],
)
def test_unsafe_urls_are_named_for_the_warning(html: str, refused: list[str]) -> None:
    assert unsafe_urls(html) == refused
    assert_harmless(clean(html))


def test_one_cleaner_for_build_importer_and_check() -> None:
    # The build's raw-HTML transform, the importer and kb check (which reuses the
    # build's clean_block/clean_inline) all go through html_policy.sanitize.
    assert sanitize.sanitize is html_policy.sanitize
    assert import_sanitize.sanitize is html_policy.sanitize
    assert sanitize.clean_block("<scr<script>x</script>ipt>") == clean("<scr<script>x</script>ipt>")
