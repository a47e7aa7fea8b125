"""Fixtures for ``kb check`` tests: a clean project to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from checkhelpers import BASE


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of a small clean knowledge base (one article, index, glossary, tags)."""
    return Path(shutil.copytree(BASE, tmp_path / "kb"))
