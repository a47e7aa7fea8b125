"""Hostile front matter, tags, glossary terms and bodies never become live markup.

tests/roots/test-hostile holds payloads in every field an editor controls.  Each
payload sets ``window.__pwned``, retitles the page or opens a dialog if it runs.
The built pages are checked twice: parsed (no payload script, no ``on*``
attribute, no ``javascript:`` URL, no file from outside the project) and loaded
in headless Chromium (no script ran).
"""

from __future__ import annotations

import contextlib
import io
import json
import posixpath
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from sphinx_kb.cli import main
from sphinx_kb.outputs.root_page import redirect_html

SECRET = "KB-SECRET-SENTINEL-4242"
#: Attributes that take a URL a browser would follow or load.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset"}
)
HOSTILE_TITLE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> Antibodies'
HOSTILE_DESCRIPTION = (
    '"><script>window.__pwned=1</script><img src=x onerror=alert(1)> javascript:alert(1)'
)
ATOM = "{http://www.w3.org/2005/Atom}"


def uncurl(text: str) -> str:
    return text.translate(str.maketrans("“”‘’", "\"\"''"))


def build(app: Any) -> Path:
    """Build the hostile project, with a secret file just outside it that articles point at."""
    outside = Path(app.srcdir).parent
    (outside / "kb-secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (outside / "kb-secret.png").write_text(SECRET + "\n", encoding="utf-8")
    app.build()
    return Path(app.outdir)


def html_pages(outdir: Path) -> list[Path]:
    pages = sorted(outdir.rglob("*.html"))
    assert len(pages) > 10  # articles, tag pages, archive, glossary, index...
    return pages


def payload_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                problems.append(f"<{element.name} {name}=...>")
            compact = "".join(text.split()).lower()
            if name.lower() in URL_ATTRIBUTES and compact.startswith(("javascript:", "data:text")):
                problems.append(f"<{element.name} {name}={text[:40]!r}>")
            if element.name == "meta" and name == "http-equiv" and text.lower() == "refresh":
                problems.append("<meta http-equiv=refresh>")
        if element.name == "script" and ("pwned" in element.get_text().lower()):
            problems.append(f"<script>{element.get_text()[:40]}")
        embeds = ("iframe", "object", "embed", "form", "svg", "math", "base")
        # The search page's own form is the template's, not content.
        template = element.get("id") == "kb-search-form"
        if element.name in embeds and element.find_parent("article") is not None and not template:
            problems.append(f"<{element.name}> in the content")
    return problems


@pytest.mark.sphinx("html", testroot="hostile")
def test_built_pages_hold_no_live_payload(app: Any) -> None:
    outdir = build(app)
    found = {}
    for path in html_pages(outdir):
        if path == outdir / "docs/index.html":
            # The home page's old address: sphinx-kb's own redirect to the site root.
            base = app.config.html_baseurl
            expected = redirect_html(
                app.config.html_title or app.config.project,
                "../index.html",
                posixpath.join(base, "index.html") if base else "",
            )
            assert path.read_text(encoding="utf-8") == expected
            continue
        problems = payload_problems(BeautifulSoup(path.read_text(encoding="utf-8"), "lxml"))
        if problems:
            found[str(path.relative_to(outdir))] = problems
    assert found == {}


@pytest.mark.sphinx("html", testroot="hostile")
def test_payloads_are_shown_as_text(app: Any) -> None:
    outdir = build(app)
    article = BeautifulSoup(
        (outdir / "docs/articles/hostile-title.html").read_text(encoding="utf-8"), "lxml"
    )
    # Escaped, not deleted: the reader sees exactly what the editor typed.
    # SmartQuotes curls straight quotes in page text, as in any text.
    assert uncurl(article.find("h1").get_text().rstrip("¶")) == HOSTILE_TITLE
    assert uncurl(article.find("p", class_="kb-lede").get_text()) == HOSTILE_DESCRIPTION
    badges = [b.get_text() for b in article.select(".kb-byline .kb-tag")]
    assert '<img src=x onerror="window.__pwned=1">XSS' in badges
    assert "</title><script>document.title='PWNED'</script>" in badges
    tag_page = BeautifulSoup((outdir / "docs/tags/xss.html").read_text(encoding="utf-8"), "lxml")
    assert (
        tag_page.find("p", class_="kb-tag-description")
        .get_text()
        .startswith("<script>window.__pwned=1</script>")
    )


@pytest.mark.sphinx("html", testroot="hostile")
def test_meta_tags_and_feed_carry_payloads_as_text(app: Any) -> None:
    outdir = build(app)
    head = BeautifulSoup(
        (outdir / "docs/articles/hostile-title.html").read_text(encoding="utf-8"), "lxml"
    ).head
    assert head.find("meta", attrs={"name": "description"})["content"] == HOSTILE_DESCRIPTION
    assert head.find("meta", attrs={"property": "og:description"})["content"] == (
        HOSTILE_DESCRIPTION
    )
    assert head.find("meta", attrs={"property": "og:image"}) is None  # javascript: image
    assert head.title.get_text().startswith("<script>window.__pwned=1</script>")
    feed_text = (outdir / "feed.xml").read_text(encoding="utf-8")
    assert "<script" not in feed_text and "<img" not in feed_text
    feed = ElementTree.fromstring(feed_text.encode("utf-8"))
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.iter(f"{ATOM}entry")}
    entry = entries[HOSTILE_TITLE]
    assert len(entry.find(f"{ATOM}title")) == 0  # text only, no child elements
    assert entry.findtext(f"{ATOM}summary") == HOSTILE_DESCRIPTION
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "<script>window.__pwned=1</script>"


@pytest.mark.sphinx("html", testroot="hostile")
def test_nothing_from_outside_the_project_is_published(app: Any) -> None:
    outdir = build(app)
    leaked = [
        str(path.relative_to(outdir))
        for path in outdir.rglob("*")
        if path.is_file() and SECRET.encode() in path.read_bytes()
    ]
    assert leaked == []
    assert not list(outdir.rglob("kb-secret*"))
    warnings = app.warning.getvalue()
    assert "image outside the project removed: ../../../kb-secret.png" in warnings
    assert "download outside the project removed: ../../../kb-secret.txt" in warnings
    # Refused before anything is read (issue 19, hole 1), with one warning each.
    assert "hostile-body.md:53: WARNING: {include} '../../../kb-secret.txt' not read: " in warnings
    assert "{literalinclude} '../../../kb-secret.txt' not read: outside the project" in warnings
    assert "raw 'latex' output removed from the page" in warnings


@pytest.mark.sphinx("html", testroot="hostile")
def test_kb_check_reports_the_payloads(app: Any) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["check", str(app.srcdir), "--format", "json"])
    codes = {(p["path"], p["code"]) for p in json.loads(out.getvalue())["problems"]}
    body, title = "docs/articles/hostile-body.md", "docs/articles/hostile-title.md"
    assert {
        (body, "raw-html"),
        (body, "unsafe-url"),
        (body, "path-escape"),
        (title, "markup-in-field"),
        ("docs/glossary.md", "raw-html"),
    } <= codes
    assert status == 1


def _visit(browser: Any, url: str) -> dict[str, Any]:
    page = browser.new_page()
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url, wait_until="load")
        page.wait_for_timeout(50)  # let error events of broken images fire
        pwned, title = page.evaluate("() => [window.__pwned ?? null, document.title]")
    finally:
        page.close()
    return {"pwned": pwned, "title": title, "dialogs": dialogs, "errors": errors}


def test_the_detector_sees_a_script_that_runs(browser: Any, tmp_path: Path) -> None:
    # Positive control: the same payloads, unsanitized, are caught by _visit.
    control = tmp_path / "control.html"
    control.write_text(
        '<html><body><img src=x onerror="window.__pwned=1">'
        "<script>document.title='PWNED'; alert('pwned')</script></body></html>",
        encoding="utf-8",
    )
    seen = _visit(browser, control.as_uri())
    assert seen["pwned"] == 1
    assert seen["title"] == "PWNED"
    assert seen["dialogs"] == ["pwned"]


@pytest.mark.browser
@pytest.mark.sphinx("html", testroot="hostile")
def test_no_payload_runs_in_chromium(app: Any, browser: Any) -> None:
    outdir = build(app)
    ran = {}
    for path in html_pages(outdir):
        seen = _visit(browser, path.as_uri())
        # A tag label *shows* "document.title='PWNED'" as text; running it would set it.
        if seen["pwned"] is not None or seen["title"] == "PWNED" or seen["dialogs"]:
            ran[str(path.relative_to(outdir))] = seen
        assert not [e for e in seen["errors"] if "pwned" in e.lower()], seen["errors"]
    assert ran == {}
