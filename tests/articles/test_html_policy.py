"""The one HTML policy: a published mutation-XSS corpus, nested payloads, one cleaner."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

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


def assert_harmless(html: str, *, page: bool = False) -> None:
    """No script-capable element, handler or URL; no id/name either, unless ``html`` is a
    built page (whose ids are Sphinx's section anchors)."""
    for tag, attrs in elements(html):
        assert tag not in DANGEROUS_TAGS, html
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert name not in ({"style"} if page else {"id", "name", "style"}), html
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


def _corpus_page() -> str:
    """Every payload twice, on an ordinary (non-article) page: as a block of its own,
    and inline in a sentence (MyST makes one raw node per tag there)."""
    parts = ["# Corpus\n"]
    for payload in CORPUS + NESTED:
        flat = " ".join(payload.split("\n"))
        parts.append(payload + "\n")
        parts.append(f"Before {flat} after.\n")
    return "\n".join(parts)


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kbtest import build_project

    site = tmp_path_factory.mktemp("corpus")
    (site / "docs").mkdir()
    (site / "conf.py").write_text(
        'extensions = ["sphinx_kb"]\nroot_doc = "docs/index"\ninclude_patterns = ["docs/**"]\n'
        'project = "Corpus"\nkb_tag_vocabulary = ""\n',
        encoding="utf-8",
    )
    (site / "docs/index.md").write_text("# Home\n\n```{toctree}\ncorpus\n```\n", encoding="utf-8")
    (site / "docs/corpus.md").write_text(_corpus_page(), encoding="utf-8")
    build_project(site, site / "_build")
    return site / "_build/html/docs/corpus.html"


def test_corpus_on_an_ordinary_page_is_sanitized(corpus_site: Path) -> None:
    from bs4 import BeautifulSoup

    main = BeautifulSoup(corpus_site.read_text(encoding="utf-8"), "lxml").find(role="main")
    assert main is not None
    assert_harmless(str(main), page=True)
    assert "@shafigullin" in main.get_text()  # the text of the payloads stays


@pytest.mark.browser
def test_corpus_runs_nothing_in_chromium(corpus_site: Path, browser: Any) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(corpus_site.as_uri(), wait_until="load")
        page.wait_for_timeout(200)  # error events of broken images, autofocus handlers
        # Hover and click every element of the content: handlers that survived would run.
        count = page.eval_on_selector_all('[role="main"] *', "els => els.length")
        page.evaluate(
            """() => { for (const el of document.querySelectorAll('[role="main"] *')) {
                for (const type of ['mouseover', 'focus', 'click']) {
                    el.dispatchEvent(new Event(type, {bubbles: true}));
                } } }"""
        )
        page.wait_for_timeout(100)
        pwned = page.evaluate("() => window.__pwned ?? null")
        url = page.url
    finally:
        page.close()
    assert count > 100
    assert dialogs == [] and pwned is None
    assert url == corpus_site.as_uri()
