"""Per-build state that is not per-document: configuration, vocabulary, tag slugs.

It is worked out once at ``builder-inited`` and kept on the application object,
which parallel readers and writers inherit when they fork.  Per-document data
belongs in the ``kb`` domain instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import KBConfig
from .vocabulary import Vocabulary

if TYPE_CHECKING:
    from sphinx.application import Sphinx


@dataclass
class KBState:
    config: KBConfig
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    vocabulary_path: Path | None = None
    #: Canonical tag key -> page slug, for every tag in use this build.
    slugs: dict[str, str] = field(default_factory=dict)
    #: Documents read or removed in this build (so listings are only re-evaluated then).
    touched: set[str] = field(default_factory=set)
    #: Documents removed in this build (their stale output is deleted).
    removed: set[str] = field(default_factory=set)
    #: Cache of the evaluation context for listings (see ``listings.Catalog``).
    catalog: Any = None


def kb_state(app: Sphinx) -> KBState:
    state = getattr(app, "_kb_state", None)
    if state is None:
        state = KBState(KBConfig.from_sphinx(app.config))
        app._kb_state = state  # type: ignore[attr-defined]
    return state


def kb_config(app: Sphinx) -> KBConfig:
    return kb_state(app).config
