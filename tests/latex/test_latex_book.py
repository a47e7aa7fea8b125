"""The PDF book (issue 7): real LaTeX builds, real xelatex through latexmk, no mocks.

The repository's own knowledge base is built once per session and its PDF read
back with pdftotext and pypdf; a small fixture project (tests/roots/test-latex)
covers what the sample content lacks: ü, sphinx-design cards, grouping by tag.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from kb_books import REPO, ROOTS, Book, build_pdf, norm, pdf_page_png
from sphinx.testing.util import SphinxTestApp

from sphinx_kb.articles.frontmatter import split_front_matter

pytestmark = pytest.mark.latex

MOJIBAKE = ("â€", "Ã©", "Ã¼", "Â", "\ufffd")


def _articles(root: Path) -> list[dict[str, str]]:
    found = []
    for path in sorted((root / "docs" / "articles").glob("*.md")):
        data = split_front_matter(path.read_text(encoding="utf-8")).data
        found.append(
            {
                "title": str(data["title"]),
                "year": str(data["date"])[:4] if data.get("date") else "",
                "description": str(data.get("description", "")),
                "body": path.read_text(encoding="utf-8"),
            }
        )
    return found


def _glossary_terms(root: Path) -> list[str]:
    """Term lines of the MyST glossary: unindented lines inside the directive."""
    text = (root / "docs" / "glossary.md").read_text(encoding="utf-8")
    block = re.search(r"```\{glossary\}\n(.*?)\n```", text, re.S)
    assert block is not None
    return [
        line.strip()
        for line in block.group(1).splitlines()
        if line.strip() and not line[0].isspace() and not line.startswith(("%", ":"))
    ]


def _log_problems(book: Book) -> list[str]:
    log = book.log
    problems = [line for line in log.splitlines() if line.startswith("! ")]
    problems += re.findall(r".*multiply defined.*", log)
    problems += re.findall(r".*Reference `[^']*' on page \d+ undefined.*", log)
    problems += re.findall(r"Missing character: There is no .*", log)
    return problems


def _children(outline: list[tuple[int, str]], parent: str, depth: int) -> list[str]:
    """Titles one level below the first entry titled ``parent`` at ``depth``."""
    start = outline.index((depth, parent))
    out = []
    for level, title in outline[start + 1 :]:
        if level <= depth:
            break
        if level == depth + 1:
            out.append(title)
    return out


@pytest.fixture(scope="session")
def repo_book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    book = build_pdf(REPO, tmp_path_factory.mktemp("repo-book"), "knowledge-base")
    assert book.result.returncode == 0, book.result.stdout[-3000:] + book.result.stderr
    return book


@pytest.fixture(scope="session")
def fixture_book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    book = build_pdf(ROOTS / "test-latex", tmp_path_factory.mktemp("fixture-book"), "book")
    assert book.result.returncode == 0, book.result.stdout[-3000:] + book.result.stderr
    return book


# -- the repository's book ---------------------------------------------------------


def test_repository_book_builds_without_warnings_or_latex_errors(repo_book: Book) -> None:
    warnings = [line for line in repo_book.result.stderr.splitlines() if "WARNING" in line]
    assert warnings == []
    assert _log_problems(repo_book) == []
    # No flood of overfull boxes (there are none today).
    assert repo_book.log.count("Overfull \\hbox") <= 3
    assert "Output written on knowledge-base.pdf" in repo_book.log


def test_book_structure_parts_years_articles(repo_book: Book) -> None:
    outline = repo_book.outline()
    assert [title for depth, title in outline if depth == 0] == ["Articles", "Reference"]
    articles = _articles(REPO)
    years = sorted({a["year"] for a in articles}, reverse=True)
    assert _children(outline, "Articles", 0) == years
    assert _children(outline, "Reference", 0) == ["Glossary", "Tags", "Index"]
    for year in years:
        expected = {norm(a["title"]) for a in articles if a["year"] == year}
        assert set(_children(outline, year, 1)) == expected


def test_every_article_is_one_heading_and_its_text_is_printed_once(repo_book: Book) -> None:
    articles = _articles(REPO)
    headings = Counter(title for depth, title in repo_book.outline() if depth == 2)
    text = norm(repo_book.text())
    for article in articles:
        assert headings[norm(article["title"])] == 1, article["title"]
        # The lede opens a paragraph, so its first words sit on one line of the PDF.
        lede = " ".join(norm(article["description"]).split()[:6])
        assert text.count(lede) == 1, lede
    # Tag lists and the glossary's "Used in" lists name articles; they never repeat them.
    assert len(headings) == len(set(headings))


def test_glossary_is_a_chapter_with_every_term(repo_book: Book) -> None:
    outline = repo_book.outline()
    assert (1, "Glossary") in outline
    text = norm(repo_book.text())
    chapter = text[text.index("GLOSSARY") :]
    terms = _glossary_terms(REPO)
    assert terms
    missing = [term for term in terms if norm(term) not in chapter]
    assert missing == []


def test_tags_index_lists_articles_with_page_numbers(repo_book: Book) -> None:
    outline = repo_book.outline()
    tags = _children(outline, "Tags", 1)
    assert "Cancer" in tags and "Immune system" in tags
    text = norm(repo_book.text())
    tags_chapter = text[text.index("TAGS") : text.index("INDEX")]
    # Each listed article carries "(page N)"; descriptions are left to the articles.
    assert re.search(r"CAR T-Cell Therapy Explained \(page \d+\) — 14 March 2021", tags_chapter)
    assert "genetically modified" not in tags_chapter
    # The book's index lists each tag with its articles.
    index = text[text.rindex("INDEX") :]
    assert re.search(r"Cancer, \d+ Cancer Screening: What It Can and Cannot Do, \d+", index)


def test_unicode_prints_and_nothing_is_mojibake(repo_book: Book) -> None:
    text = repo_book.text()
    for bad in MOJIBAKE:
        assert bad not in text
    for char in "’—éöÉ":
        assert char in text, char
    # Every non-ASCII character of the articles reaches the page.
    wanted = {c for a in _articles(REPO) for c in a["body"] if ord(c) > 127}
    assert {c for c in wanted if c not in text} == set()
    fonts = subprocess.run(
        ["pdffonts", str(repo_book.pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "FreeSerif" in fonts
    assert "Type 3" not in fonts


def test_home_page_web_parts_stay_out_of_the_book(repo_book: Book) -> None:
    text = norm(repo_book.text())
    assert "Use the search box" not in text
    assert "Browse by tag" not in text
    assert "Latest articles" not in text
    # The introduction and its note stay, before Part I.
    assert text.index("not medical advice") < text.index("Part I")
    tex = repo_book.tex
    assert "\\chapter*{Immune Health Knowledge Base}" in tex
    # Cross-references and glossary links become page references.
    assert "(\\autopageref*{\\detokenize{docs/articles/" in tex


def test_title_page_and_a_glossary_page_render(repo_book: Book, tmp_path: Path) -> None:
    first = pdf_page_png(repo_book.pdf, 1, tmp_path)
    assert first.stat().st_size > 1000
    info = subprocess.run(
        ["pdfinfo", str(repo_book.pdf)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    glossary_page = next(
        n
        for n in range(1, pages + 1)
        if "GLOSSARY"
        in subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(repo_book.pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert pdf_page_png(repo_book.pdf, glossary_page, tmp_path).stat().st_size > 1000
    assert "Immune Health Knowledge Base" in repo_book.text().split("\f")[0]
    assert str(dt.date.today().year) in repo_book.text().split("\f")[0]


# -- the fixture project: ü, cards, badges, term page references --------------------


def test_fixture_book_prints_unicode_and_design_components(fixture_book: Book) -> None:
    assert fixture_book.result.stderr.count("WARNING") == 0, fixture_book.result.stderr
    assert _log_problems(fixture_book) == []
    text = fixture_book.text()
    for bad in MOJIBAKE:
        assert bad not in text
    for char in "’—–éüÜöï“”":
        assert char in text, char
    flat = norm(text)
    assert "Café Über-Science: Köhler's Antibodies — a Story" in flat
    # Cards print as a bold title then the body, once each; a linked card's
    # title carries the link's page number instead of a stray link after it.
    assert flat.count("First card title First card body text.") == 1
    assert re.search(r"Second card title \(page \d+\) Second card body text\.", flat)
    assert "A badge: Newsworthy and" in flat
    # A glossary term link gets a page number, like any cross-reference.
    assert re.search(r"Antigen \(page \d+\) in the Café Über; Dr Müller", flat)
    assert re.search(r"the second article \(page \d+\) for more", flat)


@pytest.mark.sphinx("latex", testroot="latex", freshenv=True)
def test_latex_source_by_date(app: SphinxTestApp) -> None:
    app.build()
    tex = (Path(app.outdir) / "book.tex").read_text(encoding="utf-8")
    heads = re.findall(r"\\(part|chapter|section)\{([^}]*)\}", tex)
    assert heads == [
        ("part", "Articles"),
        ("chapter", "2020"),
        ("section", "Café Über\\sphinxhyphen{"),
        ("chapter", "2019"),
        ("section", "Gamma Untagged"),
        ("section", "The Second Article"),
        ("part", "Reference"),
        ("chapter", "Glossary"),
        ("chapter", "Tags"),
        ("section", "Cancer"),
        ("section", "Immune system"),
    ]
    # Term links: \sphinxtermref plus a page reference to the term's label.
    assert "{Antigen}}}}}}~(\\autopageref*{\\detokenize{docs/glossary:term-Antigen}})" in tex
    # Within the glossary, a term link needs no page number.
    assert "{std-term}{antigen}}}}}}." in tex
    # Bylines name tags in plain words (no links, so no page numbers); the lede
    # is styled by class.
    byline = next(line for line in tex.splitlines() if line.startswith("4 May 2020"))
    assert "1 min read" in byline and "{Immune system}" in byline and "{Cancer}" in byline
    assert "hyperref" not in byline
    assert "\\begin{sphinxuseclass}{kb-lede}" in tex
    # Each article is indexed under its tags.
    assert (
        "\\index{Cancer@\\spxentry{Cancer}!The Second Article@\\spxentry{The Second Article}}"
        in tex
    )
    # The home page's cards, tag cloud and links are web-only.
    assert "search box" not in tex
    assert "Latest articles" not in tex


@pytest.mark.sphinx(
    "latex", testroot="latex", freshenv=True, confoverrides={"kb_pdf_grouping": "tag"}
)
def test_latex_source_by_tag(app: SphinxTestApp) -> None:
    app.build()
    tex = (Path(app.outdir) / "book.tex").read_text(encoding="utf-8")
    heads = re.findall(r"\\(part|chapter|section)\{([^}]*)\}", tex)
    # Articles live in the chapter of their first tag, an untagged one in a chapter of
    # its own after them; the archive is not printed.
    assert heads == [
        ("part", "Articles"),
        ("chapter", "Cancer"),
        ("section", "The Second Article"),
        ("chapter", "Immune system"),
        ("section", "Café Über\\sphinxhyphen{"),
        ("chapter", "Gamma Untagged"),
        ("part", "Reference"),
        ("chapter", "Glossary"),
    ]
    assert "\\chapter{2019}" not in tex
