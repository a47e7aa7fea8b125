"""Reading sources for ``kb check``: what each read source keeps."""

from __future__ import annotations

from pathlib import Path

from checkhelpers import article, write

from sphinx_kb.check.context import build_context


def test_only_the_glossary_keeps_its_body_the_rest_keep_their_scan(project: Path) -> None:
    # Bodies are not kept (memory grows with the site): the rules work from the scan.
    write(project, "docs/articles/kept.md", article("Kept", "See [gone](gone.md) <b>x</b>."))
    ctx = build_context(project)
    by_name = ctx.by_docname
    glossary = by_name[ctx.settings.kb.glossary_doc]
    assert glossary.front is not None and glossary.front.body.strip()
    kept = by_name["docs/articles/kept"]
    assert kept.front is not None and kept.front.body == ""
    assert kept.front.data["title"] == "Kept" and kept.article is not None
    assert kept.markup is not None
    assert [target for _line, target, _image in kept.markup.links] == ["gone.md"]
    assert [tag for _line, tag in kept.markup.tags] == ["<b>", "</b>"]
    assert "See" in kept.markup.text
