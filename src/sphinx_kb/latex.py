"""PDF output through LaTeX (being written)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Wire the LaTeX events; called from ``sphinx_kb.extension.setup``."""
