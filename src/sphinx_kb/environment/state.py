"""Per-build state that is not per-document: configuration, vocabulary, tag slugs.

It is worked out once at ``builder-inited`` and kept per environment in this
process; parallel readers and writers inherit it when they fork.  Per-document data
belongs in the ``kb`` domain instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from ..config import KBConfig
from ..tags.vocabulary import Vocabulary

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


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
    #: Documents whose doctree was resolved for writing in this build (search index).
    resolved: set[str] = field(default_factory=set)
    #: Whether the HTML builder writes the root document at the site's root (``root_page``).
    home_moved: bool = False
    #: Cache of the evaluation context for listings (see ``listings.Catalog``).
    catalog: Any = None


# Keyed by the environment (not stored on it, so it is never pickled); transforms
# reach it through ``self.env`` now that ``SphinxTransform.app`` is deprecated.
_STATES: WeakKeyDictionary[BuildEnvironment, KBState] = WeakKeyDictionary()


def _env(source: Sphinx | BuildEnvironment) -> BuildEnvironment:
    from sphinx.environment import BuildEnvironment

    return source if isinstance(source, BuildEnvironment) else source.env


def kb_state(source: Sphinx | BuildEnvironment) -> KBState:
    """This build's state, from the application or the environment."""
    env = _env(source)
    state = _STATES.get(env)
    if state is None:
        state = KBState(KBConfig.from_sphinx(env.config))
        _STATES[env] = state
    return state


def reset_state(source: Sphinx | BuildEnvironment) -> None:
    _STATES.pop(_env(source), None)


def kb_config(source: Sphinx | BuildEnvironment) -> KBConfig:
    return kb_state(source).config
