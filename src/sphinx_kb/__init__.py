"""sphinx-kb: a documentation-style knowledge base of articles on Sphinx."""

from __future__ import annotations

__version__ = "0.1.0"
