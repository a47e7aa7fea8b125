"""This build's state, from the application or the environment.

Transforms only have the environment (``SphinxTransform.app`` is deprecated), so
the state lives on the ``kb`` domain (see :class:`.domain.BuildState`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .domain import BuildState, get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..config import KBConfig


def _env(source: Sphinx | BuildEnvironment) -> BuildEnvironment:
    from sphinx.environment import BuildEnvironment

    return source if isinstance(source, BuildEnvironment) else source.env


def kb_state(source: Sphinx | BuildEnvironment) -> BuildState:
    return get_domain(_env(source)).build


def kb_config(source: Sphinx | BuildEnvironment) -> KBConfig:
    return kb_state(source).config
