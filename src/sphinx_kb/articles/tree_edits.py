"""Removing and replacing many nodes of a doctree in one pass per parent.

docutils' ``parent.remove(node)`` and ``node.replace_self(new)`` each look the
node up among its siblings, so a paragraph of thousands of raw HTML fragments
took quadratic time to sanitize.  :class:`TreeEdits` records the changes while a
transform walks the tree (which it leaves untouched meanwhile) and applies them
at the end, each parent's children rebuilt once: the same tree as the one-at-a-time
calls would give.
"""

from __future__ import annotations

from docutils import nodes


class TreeEdits:
    """Removals and replacements, applied by :meth:`apply`."""

    def __init__(self) -> None:
        #: id(parent) -> (parent, {id(child): its replacement, or None to remove it}).
        self._changes: dict[int, tuple[nodes.Element, dict[int, nodes.Node | None]]] = {}
        #: id(parent) -> (parent, {id(child): its index}), made when first asked.
        self._positions: dict[int, tuple[nodes.Element, dict[int, int]]] = {}

    def _of(self, node: nodes.Node) -> dict[int, nodes.Node | None]:
        parent = node.parent
        assert parent is not None
        return self._changes.setdefault(id(parent), (parent, {}))[1]

    def remove(self, node: nodes.Node) -> None:
        self._of(node)[id(node)] = None

    def replace(self, node: nodes.Element, new: nodes.Element) -> None:
        """As ``node.replace_self(new)``: ``new`` takes ``node``'s ids, classes, names."""
        new.update_basic_atts(node)
        self._of(node)[id(node)] = new

    def removed(self, node: nodes.Node) -> bool:
        parent = node.parent
        change = self._changes.get(id(parent)) if parent is not None else None
        return change is not None and id(node) in change[1] and change[1][id(node)] is None

    def index(self, node: nodes.Node) -> int:
        """``node``'s index among its siblings (the tree is unchanged until ``apply``)."""
        parent = node.parent
        assert parent is not None
        known = self._positions.get(id(parent))
        if known is None:
            known = (parent, {id(child): i for i, child in enumerate(parent.children)})
            self._positions[id(parent)] = known
        return known[1][id(node)]

    def apply(self) -> None:
        for parent, change in self._changes.values():
            children: list[nodes.Node] = []
            for child in parent.children:
                new = change.get(id(child), child)
                if new is None:
                    continue  # like Element.remove, which leaves child.parent set
                if new is not child:
                    parent.setup_child(new)
                children.append(new)
            parent.children[:] = children
        self._changes.clear()
        self._positions.clear()
