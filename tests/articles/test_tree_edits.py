"""TreeEdits: batched removals and replacements give the tree docutils' own calls give."""

from __future__ import annotations

from docutils import nodes

from sphinx_kb.articles.tree_edits import TreeEdits


def _paragraph() -> nodes.paragraph:
    para = nodes.paragraph()
    for n in range(12):
        para += nodes.Text(f"t{n} ")
        para += nodes.raw("", f"<i>{n}</i>", format="html", ids=[f"r{n}"])
    return para


def _plan(para: nodes.paragraph) -> tuple[list[nodes.Node], list[nodes.Element]]:
    """Every third raw node removed, every other raw node replaced."""
    raws = list(para.findall(nodes.raw))
    return raws[::3], [r for i, r in enumerate(raws) if i % 3 and i % 2]


def test_batched_edits_equal_one_at_a_time_edits() -> None:
    ours, theirs = _paragraph(), _paragraph()
    edits = TreeEdits()
    removed, replaced = _plan(ours)
    for node in removed:
        edits.remove(node)
    for node in replaced:
        edits.replace(node, nodes.raw("", "<b>new</b>", format="html"))
    assert all(edits.removed(node) for node in removed)
    assert not any(edits.removed(node) for node in replaced)
    assert edits.index(replaced[0]) == ours.index(replaced[0])
    edits.apply()

    removed, replaced = _plan(theirs)
    for node in removed:
        theirs.remove(node)
    for node in replaced:
        node.replace_self(nodes.raw("", "<b>new</b>", format="html"))

    assert ours.pformat() == theirs.pformat()
    assert all(child.parent is ours for child in ours.children)
    # The replacement took the old node's ids, as replace_self does.
    assert ours.children[2]["ids"] == ["r1"]
