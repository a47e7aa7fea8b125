"""Shared helpers for the importer tests: run ``kb import`` for real and capture it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sphinx_kb.articles.frontmatter import split_front_matter
from sphinx_kb.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "seed" / "000_a0d92a45339acd22.txt"
GATSBY = FIXTURES / "gatsby-starter-netlify-cms"
BAD = FIXTURES / "import" / "bad"
GOOD = FIXTURES / "import" / "good"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture
def kb(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run(*args: str | Path) -> Run:
        capsys.readouterr()
        code = main(["import", *map(str, args)])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    """``<tmp>/docs/articles`` (its parent exists, the folder itself not yet)."""
    (tmp_path / "docs").mkdir()
    return tmp_path / "docs" / "articles"


def page(path: Path) -> tuple[dict, str]:
    """(front matter, body) of a written page."""
    fm = split_front_matter(path.read_text(encoding="utf-8"))
    return fm.data, fm.body.removeprefix("\n")  # the blank line after the fence


def heading_levels(markdown: str) -> list[int]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [int(t.tag[1]) for t in tokens if t.type == "heading_open"]


def assert_no_level_jumps(markdown: str) -> None:
    """Body headings start at H2 (the title is the H1) and never skip a level."""
    previous = 1
    for level in heading_levels(markdown):
        assert 2 <= level <= previous + 1, heading_levels(markdown)
        previous = level
