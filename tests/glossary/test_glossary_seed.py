"""The real glossary (docs/glossary.md) on the seed article, and its quality checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from glossary_helpers import Built, body, build, term_links, used_in

from sphinx_kb.glossary import read_glossary

REPO = Path(__file__).parents[2]
SEED = "what-is-immunotherapy-and-how-does-it-work"
GLOSSARY = REPO / "docs" / "glossary.md"


@pytest.fixture(scope="module")
def seed_site(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The test project's settings with the repository's glossary and seed article."""
    srcdir = tmp_path_factory.mktemp("glossary-seed") / "src"
    shutil.copytree(rootdir / "test-glossary", srcdir)
    for article in (srcdir / "docs" / "articles").glob("*.md"):
        article.unlink()
    shutil.copy(GLOSSARY, srcdir / "docs" / "glossary.md")
    shutil.copy(REPO / "docs" / "articles" / f"{SEED}.md", srcdir / "docs" / "articles")
    return build(srcdir)


def test_seed_article_links(seed_site: Built) -> None:
    assert seed_site.warnings == ""
    links = dict(
        (text.lower(), anchor)
        for text, anchor in term_links(seed_site.page(f"docs/articles/{SEED}"), auto_only=True)
    )
    assert links["innate immunity"] == "term-Innate-immunity"
    assert links["adaptive immune system"] == "term-Adaptive-immune-system"
    assert links["t cells"] == "term-T-cell"
    assert links["lymphocytes"] == "term-Lymphocyte"
    assert links["pathogens"] == "term-Pathogen"
    assert links["immunotherapy"] == "term-Immunotherapy"


def test_seed_article_lede_and_title_are_not_linked(seed_site: Built) -> None:
    article = body(seed_site.page(f"docs/articles/{SEED}"))
    assert article.select("h1 a.kb-term-link, h2 a.kb-term-link, p.kb-lede a") == []


def test_glossary_backlinks_to_the_seed_article(seed_site: Built) -> None:
    lists = used_in(seed_site.page("docs/glossary"))
    title = "What is Immunotherapy and How Does it Work?"
    assert lists["term-Immunotherapy"] == [title]
    assert lists["term-Pathogen"] == [title]


def test_the_glossary_is_real() -> None:
    glossary = read_glossary(GLOSSARY)
    assert glossary.problems == ()
    assert len(glossary.entries) >= 40
    ids = {entry.id for entry in glossary.entries}
    keys = {term.lower() for entry in glossary.entries for term in entry.terms}
    for entry in glossary.entries:
        assert entry.summary, entry.terms
        # Every cross-reference points at a defined term.
        for target in entry.see_also:
            assert target.lower() in keys, (entry.terms[0], target)
    t_cell = next(e for e in glossary.entries if e.id == "t cell")
    assert "T lymphocyte" in t_cell.terms
    assert "lymphocyte" in [t.lower() for t in t_cell.see_also]
    # Cross-references between entries, and "See also" lines.
    assert sum(1 for e in glossary.entries if e.see_also) >= 35
    assert sum(1 for e in glossary.entries if "See also" in e.definition) >= 25
    assert {"innate immunity", "adaptive immune system", "pathogen", "immunotherapy"} <= ids
