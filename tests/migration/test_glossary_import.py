"""One glossary from a site that kept one page per term (``kb import --glossary``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_kb.glossary.terms import parse_glossary

from .conftest import FIXTURES, Migrated, build_cleanly

TERMS = FIXTURES / "glossary-site" / "content" / "glossary"


def _import(migrate: Callable[..., Migrated], tmp_path: Path, *extra: str) -> Migrated:
    glossary = tmp_path / "site" / "docs" / "glossary.md"
    project = tmp_path / "site" if glossary.exists() else None
    return migrate("--glossary", TERMS, "--dest", glossary, *extra, project=project)


def test_term_pages_become_glossary_entries(
    migrate: Callable[..., Migrated], tmp_path: Path
) -> None:
    run = _import(migrate, tmp_path)
    assert run.code == 0 and run.err_lines == []
    text = (run.root / "docs/glossary.md").read_text()
    entries = {e.terms: e for e in parse_glossary(text, "glossary.md").entries}
    assert list(entries) == [
        ("Grit",),  # the hand-written entry stays first, untouched
        ("Application Programming Interface", "API"),
        ("Hypertext Transfer Protocol", "HTTP", "HTTPS"),
        ("JSON",),
        ("Latency",),
    ]
    api = entries[("Application Programming Interface", "API")].definition
    assert "{term}`HTTP <Hypertext Transfer Protocol>`" in api  # /glossary/http/
    assert "{term}`JSON`" in api  # ../json/, relative to the old URL
    json_entry = entries[("JSON",)].definition
    assert "{term}`APIs <Application Programming Interface>`" in json_entry  # {{< ref >}}
    assert '```json\n{"name": "widget"}\n```' in json_entry
    http = entries[("Hypertext Transfer Protocol", "HTTP", "HTTPS")].definition
    assert "**Versions**" in http  # a heading cannot stand in a definition
    assert "[our blog](https://blog.example.org/latency/)" in entries[("Latency",)].definition
    redirects = run.redirects()
    api_redirect = redirects["glossary/api/index.html"]
    assert api_redirect["to"] == "docs/glossary"
    assert api_redirect["anchor"] == "term-Application-Programming-Interface"
    assert api_redirect["from"].endswith("glossary/api.md")
    assert redirects["terms/json/index.html"]["anchor"] == "term-JSON"
    # Importing again changes nothing; an edited block is kept.
    again = _import(migrate, tmp_path)
    assert again.code == 0 and (run.root / "docs/glossary.md").read_text() == text
    (run.root / "docs/glossary.md").write_text(text.replace("The time a request", "Time"))
    kept = _import(migrate, tmp_path)
    assert kept.code == 1
    assert "edited by hand; kept (--force)" in kept.err
    assert _import(migrate, tmp_path, "--force").code == 0
    assert (run.root / "docs/glossary.md").read_text() == text


@pytest.mark.sphinx("html")
def test_the_glossary_builds_and_links_its_terms(
    migrate: Callable[..., Migrated], tmp_path: Path, make_app
) -> None:
    run = _import(migrate, tmp_path)
    # Only the glossary was imported: without an articles folder the build would say the
    # site has no articles (tests/listings/test_impossible_input.py).
    (run.root / "docs" / "articles").mkdir(exist_ok=True)
    outdir = build_cleanly(make_app, run.root)
    html = (outdir / "docs/glossary.html").read_text()
    for anchor in ("term-API", "term-HTTPS", "term-Application-Programming-Interface"):
        assert f'id="{anchor}"' in html
    assert 'href="#term-Hypertext-Transfer-Protocol"' in html
    redirect = (outdir / "glossary/json/index.html").read_text()
    assert "docs/glossary.html#term-JSON" in redirect
