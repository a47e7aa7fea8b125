"""``kb_glossary_max_links`` (issue 18, item 7): at most N term links per paragraph;
a term left unlinked by the limit is linked at its next eligible mention."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from glossary_helpers import Built, body, build, term_links, used_in
from kbtest import ROOTS

from sphinx_kb.config import KBConfig
from sphinx_kb.glossary import html_links

ALPHA = "docs/articles/alpha"


def _site(tmp_path: Path, name: str, **overrides: object) -> Built:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-glossary", srcdir)
    return build(srcdir, **overrides)


def _per_paragraph(site: Built) -> list[int]:
    return [len(p.select("a.kb-term-link")) for p in body(site.page(ALPHA)).select("p, dt")]


def test_the_default_links_one_term_per_paragraph() -> None:
    assert KBConfig().glossary_max_links == 1


def test_one_link_per_paragraph_and_the_rest_later(tmp_path: Path) -> None:
    site = _site(tmp_path, "one", kb_glossary_max_links=1)
    assert max(_per_paragraph(site)) == 1
    # The first paragraph names seven terms; only "immune system" is linked there.
    # Leukaemia, first met in places never linked, is linked in plain text at the end.
    assert term_links(site.page(ALPHA), auto_only=True) == [
        ("immune system", "term-Immune-system"),
        ("T cells", "term-T-cell"),
        ("leukaemia", "term-Leukaemia"),
    ]
    unlimited = _site(tmp_path, "all", kb_glossary_max_links=0)
    assert max(_per_paragraph(unlimited)) > 1


def test_two_per_paragraph(tmp_path: Path) -> None:
    site = _site(tmp_path, "two", kb_glossary_max_links=2)
    assert max(_per_paragraph(site)) == 2


@pytest.mark.parametrize("mode", ["first-per-page", "every"])
def test_the_limit_is_the_same_for_the_translator_and_the_post_transform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    options = {"kb_glossary_max_links": 1, "kb_glossary_autolink": mode}
    translated = _site(tmp_path, "translated", **options)
    monkeypatch.setattr(html_links, "links_while_writing", lambda builder: False)
    transformed = _site(tmp_path, "transformed", **options)
    assert str(body(translated.page(ALPHA))) == str(body(transformed.page(ALPHA)))


def test_backlinks_count_mentions_beyond_the_limit(tmp_path: Path) -> None:
    site = _site(tmp_path, "backlinks", kb_glossary_max_links=1)
    assert "Alpha article" in used_in(site.page("docs/glossary"))["term-Antibody"]
