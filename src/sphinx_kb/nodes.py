"""The package's own docutils nodes, and the translator handlers they share.

Each node is a placeholder or a small inline: listings and tag badges are
rendered at ``doctree-resolved``, dates are written as ``<time>`` in HTML.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

Handlers = tuple[Any, Any]
FORMATS = ("html", "latex", "text", "man", "texinfo")


class kb_listing(nodes.General, nodes.Element):
    """Placeholder replaced by a rendered listing (``kind`` and ``options``)."""


class kb_time(nodes.inline):
    """A date; HTML renders ``<time datetime="...">``."""


class kb_tag_badges(nodes.inline):
    """Placeholder for an article's tags, rendered at ``doctree-resolved``."""


def visit_kb_time_html(self: Any, node: kb_time) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_kb_time_html(self: Any, node: kb_time) -> None:
    self.body.append("</time>")


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


def setup(app: Any) -> None:
    app.add_node(kb_listing, **handlers(SKIP))
    app.add_node(kb_time, **handlers(INLINE, html=(visit_kb_time_html, depart_kb_time_html)))
    app.add_node(kb_tag_badges, **handlers(INLINE))
