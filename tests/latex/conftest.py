"""One build of each output for every test module in this folder (session fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_books import HOSTILE_DISCLAIMER, REPO, ROOTS, Book, build_pdf, copy_sources, sphinx


@pytest.fixture(scope="session")
def repo_book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    """The repository's knowledge base as conf.py prints it (topic chapters, term notes)."""
    book = build_pdf(REPO, tmp_path_factory.mktemp("repo-book"), "knowledge-base")
    assert book.result.returncode == 0, book.result.stdout[-3000:] + book.result.stderr
    return book


@pytest.fixture(scope="session")
def fixture_book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    """The small fixture project with the other settings: year chapters, inline pages,
    and a disclaimer full of LaTeX's special characters."""
    options = (
        *("-D", "kb_pdf_grouping=date", "-D", "kb_pdf_term_pages=inline"),
        *("-D", f"kb_pdf_disclaimer={HOSTILE_DISCLAIMER}"),
    )
    book = build_pdf(
        ROOTS / "test-latex", tmp_path_factory.mktemp("fixture-book"), "book", *options
    )
    assert book.result.returncode == 0, book.result.stdout[-3000:] + book.result.stderr
    return book


@pytest.fixture(scope="session")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's e-book, built as Read the Docs builds it."""
    work = tmp_path_factory.mktemp("repo-epub")
    srcdir = copy_sources(REPO, work / "src")
    result = sphinx(srcdir, "-T", "-b", "epub", "-d", "_build/doctrees", ".", str(work / "epub"))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return work / "epub" / "knowledge-base.epub"
