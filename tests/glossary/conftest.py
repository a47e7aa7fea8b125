"""Fixtures for the glossary tests: the test roots and one shared default build.

``sphinx.testing.fixtures`` is enabled for the whole suite in pyproject.toml
(``-p sphinx.testing.fixtures``), so only ``rootdir`` is defined here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from glossary_helpers import Built, build

ROOTS = Path(__file__).parents[1] / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` projects."""
    return ROOTS


@pytest.fixture(scope="session")
def glossary_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The ``test-glossary`` root built once with default settings (read-only for tests)."""
    srcdir = tmp_path_factory.mktemp("glossary-site") / "src"
    shutil.copytree(ROOTS / "test-glossary", srcdir)
    return build(srcdir)
