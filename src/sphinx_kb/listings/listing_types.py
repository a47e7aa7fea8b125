"""The listings a page can hold: how each is evaluated and rendered.

A kind is a set of pure functions: ``evaluate(catalog, docname, options)`` gives
a hashable result (compared between builds to decide what to rewrite),
``render(context, result, options)`` turns it into docutils nodes, and
``reaches(result, options, config)`` names the pages it links to (``kb check``
follows them to find pages no reader can reach).  Other modules (the glossary)
add their own kinds with :func:`register_kind`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..config import KBConfig
from ..environment.state import kb_state
from .catalog import Catalog

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

Options = dict[str, Any]


def _nothing(result: Any, opts: Options, config: KBConfig) -> set[str]:
    return set()


@dataclass(frozen=True)
class Kind:
    evaluate: Callable[[Catalog, str, Options], Any]
    render: Callable[[RenderContext, Any, Options], list[nodes.Node]]
    #: Which catalog inputs the result depends on ("articles", "mentions"): a page
    #: is only re-evaluated after a build that changed one of them.
    uses: frozenset[str] = frozenset({"articles"})
    reaches: Callable[[Any, Options, KBConfig], set[str]] = _nothing


@dataclass(frozen=True)
class RenderContext:
    app: Sphinx
    builder: Builder
    docname: str
    catalog: Catalog

    @property
    def config(self) -> KBConfig:
        return kb_state(self.app).config

    @property
    def tags_dir(self) -> str:
        return self.config.tags_dir


KINDS: dict[str, Kind] = {}


def register_kind(
    name: str,
    evaluate: Callable[..., Any],
    render_fn: Callable[..., Any],
    *,
    uses: tuple[str, ...] = ("articles",),
    reaches: Callable[[Any, Options, KBConfig], set[str]] = _nothing,
) -> None:
    KINDS[name] = Kind(evaluate, render_fn, frozenset(uses), reaches)


def with_badges(catalog: Catalog, records: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((r, catalog.badges(r.tags)) for r in records)


def records_of(items: Any) -> set[str]:
    """The pages of a result's (record, badges) pairs, for ``reaches``."""
    return {record.docname for record, _badges in items}


# The built-in kinds register themselves.
from . import archive_listings, article_listings  # noqa: E402, F401
