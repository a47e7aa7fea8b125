"""The ``kb`` command line (``main``) and the commands that wrap Sphinx."""

from __future__ import annotations

from .main import main

__all__ = ["main"]
