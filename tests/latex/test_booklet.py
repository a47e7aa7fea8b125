"""The PDF as a booklet (issue 18, items 7 and 14): title page, running heads, metadata,
pages that are never nearly empty, and glossary page numbers printed once per article.

Reads the repository's book, built once for the session (conftest.py), with pypdf and
pdftotext.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from kb_books import REPO, Book, norm
from pypdf import PdfReader

from sphinx_kb.articles.dates import day

pytestmark = pytest.mark.latex

#: A page with fewer lines of text than this (running head and foot not counted) is
#: nearly empty.
FEW_LINES = 10


def _conf() -> dict[str, object]:
    namespace: dict[str, object] = {"__file__": str(REPO / "conf.py")}
    exec((REPO / "conf.py").read_text(encoding="utf-8"), namespace)
    return namespace


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def test_title_page_says_what_the_booklet_is(repo_book: Book) -> None:
    conf = _conf()
    title_page = norm(repo_book.pages()[0])
    assert title_page.startswith(str(conf["project"]))
    assert str(conf["kb_description"]) in title_page
    assert f"Edition of {day(dt.date.today(), 'en')}" in title_page
    assert "Important " + str(conf["kb_pdf_disclaimer"]) in title_page
    assert f"© {conf['copyright']}" in title_page
    # Sphinx's own title page is gone.
    assert "Release" not in title_page


def test_running_heads_name_the_article_and_the_edition(repo_book: Book) -> None:
    pages = repo_book.pages()
    text = norm(repo_book.text())
    assert "Release 2026.11" not in text
    edition = f"Immune Health Knowledge Base · Edition of {day(dt.date.today(), 'en')}"
    heads = {}
    for number, page in enumerate(pages[2:], start=3):  # after the title and contents
        lines = _lines(page)
        if lines[0].startswith(("Index", "A ")):
            continue  # the book's index: two columns under its own head
        # Head: where the reader is, then the page number; foot: title and edition.
        head = re.fullmatch(r"(.+?)\s{2,}(\d+)", lines[0])
        assert head is not None, (number, lines[0])
        heads[number] = norm(head.group(1))
        assert norm(lines[-1]) == edition, number
    article_titles = {norm(title) for _depth, title in repo_book.outline()}
    assert set(heads.values()) <= article_titles | {"Introduction"}
    assert "Glossary" in heads.values()


def test_pdf_metadata(repo_book: Book) -> None:
    conf = _conf()
    reader = PdfReader(repo_book.pdf)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == conf["project"]
    assert meta.author == conf["author"]
    assert meta.subject == conf["kb_description"]
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_no_page_is_nearly_empty(repo_book: Book) -> None:
    """Articles flow: no page left with a few lines, no contents line alone, no part page."""
    pages = repo_book.pages()
    short = {}
    for number, page in enumerate(pages[1:], start=2):  # the title page is a page of its own
        body = len(_lines(page)) - 2  # less the running head (or its number) and foot
        if body < FEW_LINES:
            short[number] = _lines(page)
    assert short == {}
    # The whole booklet is a few pages per article (Sphinx's manual took 36 pages).
    assert len(pages) < 30


def test_glossary_pages_once_per_article_in_a_note(repo_book: Book) -> None:
    pages = repo_book.pages()
    text = re.sub(r"(\w)- (\w)", r"\1\2", norm(repo_book.text()))  # words hyphenated at a line end
    articles = [title for depth, title in repo_book.outline() if depth == 2]
    notes = re.findall(r"In the glossary: (.+? p\. \d+(?: · .+? p\. \d+)*)", text)
    assert len(notes) == len(articles)
    # In the text, terms carry no "(page N)"; the glossary's "Used in" lists name articles.
    body = text[: text.index("Plain-language definitions of the immunology")]
    assert len(re.findall(r"\(page \d+\)", body)) == 0
    glossary = next(n for n, page in enumerate(pages) if "Plain-language definitions" in page)
    offset = glossary - _page_number(pages[glossary])
    for note in notes:
        entries = [entry.rsplit(" p. ", 1) for entry in note.split(" · ")]
        names = [name for name, _page in entries]
        assert names == sorted(names, key=str.casefold)  # A to Z
        assert len(names) == len(set(names))  # each once
        for name, number in entries:
            # The page printed is the page where the glossary explains the word.
            page = pages[int(number) + offset]
            assert re.search(rf"^\s*{re.escape(name)}\s*$", page, re.M), (name, number)


def _page_number(page: str) -> int:
    found = re.fullmatch(r".+?\s{2,}(\d+)", _lines(page)[0])
    assert found is not None
    return int(found.group(1))


def test_print_wording_in_the_glossary_introduction(repo_book: Book) -> None:
    text = norm(repo_book.text())
    assert "hover over or focus" not in text
    assert "ends with a list of its glossary words and the pages that explain them" in text
