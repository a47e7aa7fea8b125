"""Glossary: term auto-linking, backlinks and hover definitions (being written)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Wire the glossary's events; called from ``sphinx_kb.extension.setup``."""
