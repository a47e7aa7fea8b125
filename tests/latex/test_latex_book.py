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
from typing import Any

import pytest
import yaml
from kb_books import HOSTILE_DISCLAIMER, REPO, Book, norm, pdf_page_png
from sphinx.testing.util import SphinxTestApp

from sphinx_kb.articles.frontmatter import split_front_matter

pytestmark = pytest.mark.latex

MOJIBAKE = ("â€", "Ã©", "Ã¼", "Â", "\ufffd")


def _articles(root: Path) -> list[dict[str, Any]]:
    found = []
    for path in sorted((root / "docs" / "articles").glob("*.md")):
        data = split_front_matter(path.read_text(encoding="utf-8")).data
        found.append(
            {
                "title": str(data["title"]),
                "year": str(data["date"])[:4] if data.get("date") else "",
                "tags": [str(tag).lower() for tag in data.get("tags") or []],
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


# -- the repository's book ---------------------------------------------------------


def test_repository_book_builds_without_warnings_or_latex_errors(repo_book: Book) -> None:
    warnings = [line for line in repo_book.result.stderr.splitlines() if "WARNING" in line]
    assert warnings == []
    assert _log_problems(repo_book) == []
    # No flood of overfull boxes (there are none today).
    assert repo_book.log.count("Overfull \\hbox") <= 3
    assert "Output written on knowledge-base.pdf" in repo_book.log


def _chapter_of(article: dict[str, str], order: list[str]) -> str:
    """The documented rule: the first of an article's tags in tags.yml's order."""
    return min(article["tags"], key=order.index)


def test_book_structure_parts_topics_articles(repo_book: Book) -> None:
    outline = repo_book.outline()
    assert [title for depth, title in outline if depth == 0] == ["Articles", "Reference"]
    vocabulary = yaml.safe_load((REPO / "docs" / "tags.yml").read_text(encoding="utf-8"))
    order = list(vocabulary)
    articles = _articles(REPO)
    used = {_chapter_of(a, order) for a in articles}
    # Topic chapters in the vocabulary's order; tags that head no article are no chapter.
    chapters = [vocabulary[key]["label"] for key in order if key in used]
    assert _children(outline, "Articles", 0) == chapters
    assert len(chapters) < len(order)
    assert _children(outline, "Reference", 0) == ["Glossary", "Index"]
    for key in used:
        expected = {norm(a["title"]) for a in articles if _chapter_of(a, order) == key}
        assert set(_children(outline, vocabulary[key]["label"], 1)) == expected


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
    chapter = text[text.index("Plain-language definitions of the immunology") :]
    terms = _glossary_terms(REPO)
    assert terms
    missing = [term for term in terms if norm(term) not in chapter]
    assert missing == []


def test_book_index_lists_tags_with_their_articles(repo_book: Book) -> None:
    text = norm(repo_book.text())
    index = text[text.rindex("Index A ") :]
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
    # The site's name is on the title page; the introduction is headed as one.
    assert "\\chapter*{Introduction}" in tex
    # Cross-references and glossary links become page references.
    assert "(\\autopageref*{\\detokenize{docs/articles/" in tex


def test_title_page_and_a_glossary_page_render(repo_book: Book, tmp_path: Path) -> None:
    first = pdf_page_png(repo_book.pdf, 1, tmp_path)
    assert first.stat().st_size > 1000
    pages = repo_book.pages()
    glossary_page = next(n for n, page in enumerate(pages, 1) if "Adaptive immune system" in page)
    assert pdf_page_png(repo_book.pdf, glossary_page, tmp_path).stat().st_size > 1000
    assert "Immune Health Knowledge Base" in norm(pages[0])
    assert str(dt.date.today().year) in pages[0]


# -- the fixture project: ü, cards, badges, term page references --------------------


def test_fixture_title_page_prints_settings_as_text(fixture_book: Book) -> None:
    title_page = norm(fixture_book.pages()[0])
    assert title_page.startswith("Book Test KB Edition of ")  # no description set: none shown
    assert f"Important {HOSTILE_DISCLAIMER}" in title_page


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
    # kb_pdf_term_pages = "inline": a term's first mention in a page gets its page
    # number, like any cross-reference; later mentions in that page do not.
    assert re.search(r"Antigen \(page \d+\) in the Café Über; Dr Müller", flat)
    assert "The antigen is named a second time here." in flat
    assert re.search(r"the second article \(page \d+\) for more", flat)
    # Year chapters (kb_pdf_grouping = "date"), and the tags chapter indexes articles.
    assert [t for d, t in fixture_book.outline() if d == 1] == [
        "2020",
        "2019",
        "Glossary",
        "Tags",
        "Index",
    ]
    tags = flat[flat.rindex("Pages about cancer.") :]
    assert re.search(r"The Second Article \(page \d+\) — 2 January 2019", tags)


@pytest.mark.sphinx(
    "latex",
    testroot="latex",
    freshenv=True,
    confoverrides={"kb_pdf_grouping": "date", "kb_pdf_term_pages": "inline"},
)
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
    # Term links: \sphinxtermref plus a page reference to the term's label, once a page.
    assert "{Antigen}}}}}}~(\\autopageref*{\\detokenize{docs/glossary:term-Antigen}})" in tex
    assert tex.count("~(\\autopageref*{\\detokenize{docs/glossary:term-Antigen}})") == 2
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


@pytest.mark.sphinx("latex", testroot="latex", freshenv=True)
def test_latex_source_by_topic_with_term_notes(app: SphinxTestApp) -> None:
    app.build()
    tex = (Path(app.outdir) / "book.tex").read_text(encoding="utf-8")
    heads = re.findall(r"\\(part|chapter|section)\{([^}]*)\}", tex)
    # The default: each article in the chapter of the first of its tags in tags.yml
    # ("cancer" is declared first), newest first; "Immune system" heads no article, so
    # it is no chapter; an untagged article is a chapter of its own after them; the
    # archive is not printed.
    assert heads == [
        ("part", "Articles"),
        ("chapter", "Cancer"),
        ("section", "Café Über\\sphinxhyphen{"),
        ("section", "The Second Article"),
        ("chapter", "Gamma Untagged"),
        ("part", "Reference"),
        ("chapter", "Glossary"),
    ]
    assert "\\chapter{2019}" not in tex
    # A chapter keeps its tag's description, not the tag page's list of articles.
    chapter = tex[tex.index("\\chapter{Cancer}") : tex.index("\\section{Café")]
    assert "Pages about cancer." in chapter
    assert "with this tag" not in chapter and "hyperref" not in chapter
    # Terms carry no page number in the text; each article ends with its glossary
    # words, A to Z, each once, with their pages.
    assert "~(\\autopageref*{\\detokenize{docs/glossary:" not in tex
    notes = re.findall(
        r"\\begin\{sphinxuseclass\}\{kb-term-pages\}(.*?)\\end\{sphinxuseclass\}", tex, re.S
    )
    assert len(notes) == 2
    terms = [re.findall(r"\\pageref\{\\detokenize\{docs/glossary:term-(\w+)\}\}", n) for n in notes]
    assert terms == [["Antigen"], ["Antigen", "Zygote"]]
    assert all("In the glossary:" in n for n in notes)
