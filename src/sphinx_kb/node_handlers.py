"""Translator handlers shared by the package's own docutils nodes."""

from __future__ import annotations

from typing import Any

from docutils import nodes

Handlers = tuple[Any, Any]
FORMATS = ("html", "latex", "text", "man", "texinfo")


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _inline(self: Any, node: nodes.Node) -> None:
    self.visit_inline(node)


def _inline_end(self: Any, node: nodes.Node) -> None:
    self.depart_inline(node)


SKIP: Handlers = (_skip, None)
INLINE: Handlers = (_inline, _inline_end)


def handlers(default: Handlers, **overrides: Handlers) -> dict[str, Handlers]:
    """``app.add_node`` keyword arguments: ``default`` for every writer but ``overrides``."""
    return {name: overrides.get(name, default) for name in FORMATS}
