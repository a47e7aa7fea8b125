"""Checks on glossary references and definitions (``tests/roots/test-glossary-warnings``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from glossary_helpers import Built, build
from sphinx.testing.util import SphinxTestApp

from sphinx_kb.glossary import read_glossary
from sphinx_kb.glossary.runtime import glossary_path


@pytest.fixture(scope="module")
def built(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One build (warnings are only reported when a document is read)."""
    srcdir = tmp_path_factory.mktemp("glossary-warnings") / "src"
    shutil.copytree(rootdir / "test-glossary-warnings", srcdir)
    return build(srcdir)


@pytest.fixture
def app(built: Built) -> SphinxTestApp:
    return built.app


@pytest.fixture
def warnings(built: Built) -> list[str]:
    return [re.sub(r"\x1b\[[0-9;]*m", "", w) for w in built.warnings.splitlines()]


def test_undefined_term_names_file_and_line(app: SphinxTestApp, warnings: list[str]) -> None:
    source = app.srcdir / "docs" / "articles" / "gamma.md"
    line = source.read_text().splitlines().index("this {term}`undefined thing` is not.") + 1
    expected = f"{source}:{line}: WARNING: term not in glossary: 'undefined thing'"
    assert any(w.startswith(expected) for w in warnings), warnings


def test_term_defined_twice(app: SphinxTestApp, warnings: list[str]) -> None:
    glossary = app.srcdir / "docs" / "glossary.md"
    duplicate = [w for w in warnings if "duplicate term description of Antibody" in w]
    assert len(duplicate) == 1
    # Sphinx gives the glossary block's line for MyST sources (the directive's own line).
    assert duplicate[0].startswith(f"{glossary}:3: WARNING:")


def test_terms_differing_only_in_case(app: SphinxTestApp, warnings: list[str]) -> None:
    glossary = app.srcdir / "docs" / "glossary.md"
    line = glossary.read_text().splitlines().index("T Cell") + 1
    expected = (
        f"{glossary}:{line}: WARNING: glossary term 'T Cell' differs from 'T cell' only in case"
    )
    assert any(w.startswith(expected) for w in warnings), warnings
    # The reader sees both entries and both term lines.
    parsed = read_glossary(glossary_path(app.env))
    assert [e.terms for e in parsed.entries] == [
        ("Antibody",),
        ("Antibody",),
        ("T cell",),
        ("T Cell",),
    ]
