"""sphinx-kb: a documentation-style knowledge base of articles on Sphinx.

Add ``"sphinx_kb"`` to ``extensions`` in ``conf.py``; settings are ``kb_*``
(see :class:`sphinx_kb.config.KBConfig`).
"""

from __future__ import annotations

__version__ = "0.1.0"


def setup(app):  # type: ignore[no-untyped-def]
    from .extension import setup as _setup

    return _setup(app)
