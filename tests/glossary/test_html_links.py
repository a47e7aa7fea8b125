"""HTML builders link terms while translating (html_links): the same HTML as the
post-transform that links the assembled tree for other builders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOTS
from glossary_helpers import Built, body, build

from sphinx_kb.glossary import html_links

LINKED = ["docs/articles/alpha", "docs/articles/beta"]
OPTED_OUT = "docs/articles/optout"


def _site(tmp_path: Path, name: str, **overrides: object) -> Built:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "test-glossary", srcdir)
    return build(srcdir, **overrides)


@pytest.mark.parametrize("mode", ["first-per-page", "first-per-section", "every"])
def test_translator_writes_what_the_post_transform_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    translated = _site(tmp_path, "translated", kb_glossary_autolink=mode)
    assert translated.app.registry.get_translator_class(translated.app.builder).__module__ == (
        html_links.__name__
    )
    # The control: the post-transform links the HTML pages too.
    monkeypatch.setattr(html_links, "links_while_writing", lambda builder: False)
    transformed = _site(tmp_path, "transformed", kb_glossary_autolink=mode)
    for docname in [*LINKED, OPTED_OUT]:
        ours, theirs = body(translated.page(docname)), body(transformed.page(docname))
        assert bool(ours.select("a.kb-term-link")) == (docname in LINKED), docname
        assert str(ours) == str(theirs), docname


def test_titles_rendered_for_the_template_are_never_linked(tmp_path: Path) -> None:
    # Sphinx renders titles and the page's table of contents through documents of
    # their own; only the page body is linked.
    site = _site(tmp_path, "site")
    page = site.page("docs/articles/alpha")
    assert page.select("a.kb-term-link")
    assert page.select_one("title").get_text()
    for place in page.select("title, .toc-tree, .sidebar-tree, .related-pages"):
        assert place.select("a.kb-term-link, .kb-term-tip") == [], place


def test_many_short_runs_link_as_the_post_transform_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Thousands of text runs between bold ones in one paragraph (issue 19): each run
    # is found among its siblings from a cached index, and still matched whole.
    runs = " ".join(f"**b{n}** T cells and the immune\nsystem" for n in range(400))
    pages = {}
    for name in ("translated", "transformed"):
        srcdir = tmp_path / name
        shutil.copytree(ROOTS / "test-glossary", srcdir)
        alpha = srcdir / "docs" / "articles" / "alpha.md"
        alpha.write_text(alpha.read_text(encoding="utf-8") + f"\n{runs}\n", encoding="utf-8")
        if name == "transformed":
            monkeypatch.setattr(html_links, "links_while_writing", lambda builder: False)
        pages[name] = body(build(srcdir, kb_glossary_autolink="every").page(LINKED[0]))
    translated, transformed = pages["translated"], pages["transformed"]
    # "immune\nsystem" spans two text nodes: matched as one text, linked every time.
    assert len(translated.select("a.kb-term-link")) > 800
    assert str(translated) == str(transformed)
