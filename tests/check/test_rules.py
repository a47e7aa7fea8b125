"""The checks on small, targeted projects: what is reported and, as much, what is not."""

from __future__ import annotations

import os
from pathlib import Path

from checkhelpers import article, run_check, write


def codes(project: Path) -> list[tuple[str, str, int | None]]:
    return run_check(str(project), "--format", "json").codes()


def test_links_that_resolve_are_not_reported(project: Path) -> None:
    write(project, "docs/articles/img/chart.png", "not really a png")
    body = (
        "[good](good.md), [good again](/docs/articles/good.md#section), {doc}`good`,\n"
        "{doc}`/docs/glossary`, {doc}`the index <../index>`, [tags](../tags/index.md),\n"
        "[archive](../archive/2022.md), {ref}`home`, {ref}`Home page <home>`,\n"
        "![chart](img/chart.png), [site](https://example.org), [mail](mailto:a@b.c),\n"
        "[anchor](#top) and {term}`antigens <Antigen>`.\n\n"
        "```python\n[not a link](nowhere.md) {term}`not a term` <script>\n```\n"
        "Also `[code](nowhere.md)` and `<script>` in code spans.\n"
    )
    write(project, "docs/articles/links.md", article("Links", body))
    assert codes(project) == []


def test_unresolved_targets_are_errors_on_their_lines(project: Path) -> None:
    body = (
        "{doc}`missing`\n"
        "{ref}`no-label`\n"
        "![gone](gone.png)\n"
        "[gone page](gone.md)\n"
        "[ref style][r]\n\n"
        "[r]: also-gone.md\n\n"
        "```{figure} figure-gone.png\n:alt: x\n```\n\n"
        "```{literalinclude} code-gone.py\n```\n"
    )
    write(project, "docs/articles/bad.md", article("Bad", body))
    path = "docs/articles/bad.md"
    assert codes(project) == [
        (path, "doc-broken", 7),
        (path, "file-missing", 19),
        (path, "image-missing", 9),
        (path, "image-missing", 15),
        (path, "link-broken", 10),
        (path, "link-broken", 13),
        (path, "ref-broken", 8),
    ]


def test_a_symlink_out_of_the_project_is_an_escape(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"secret")
    os.symlink(outside, project / "docs/articles/inside.png")
    write(project, "docs/articles/sym.md", article("Sym", "![x](inside.png)"))
    assert codes(project) == [("docs/articles/sym.md", "path-escape", 7)]


def test_articles_reached_only_through_listings(project: Path) -> None:
    # Without the archive and tag pages in a toctree, only listed articles are reached.
    index = project / "docs/index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("archive/index\ntags/index\n", ""),
        encoding="utf-8",
    )
    for day in range(1, 6):
        write(project, f"docs/articles/a{day}.md", article(f"A{day}", date=f"2023-01-0{day}"))
    found = [c for c in codes(project) if c[1] == "unreachable"]
    # The index lists the 3 newest (a5, a4, a3); good.md (2021) and a1, a2 are left out.
    assert found == [
        ("docs/articles/a1.md", "unreachable", None),
        ("docs/articles/a2.md", "unreachable", None),
        ("docs/articles/good.md", "unreachable", None),
    ]


def test_tag_cloud_reaches_tagged_articles(project: Path) -> None:
    index = project / "docs/index.md"
    text = index.read_text(encoding="utf-8").replace("archive/index\ntags/index\n", "")
    index.write_text(text.replace(":limit: 3", ":limit: 1") + "\n```{kb-tag-cloud}\n```\n")
    write(project, "docs/articles/untagged.md", article("Untagged", tags="[]", date="2020-01-01"))
    assert [c for c in codes(project) if c[1] == "unreachable"] == [
        ("docs/articles/untagged.md", "unreachable", None)
    ]


def test_orphan_pages(project: Path) -> None:
    write(project, "docs/lonely.md", "---\norphan: true\n---\n# Lonely\n")
    write(project, "docs/linked.md", "---\norphan: true\n---\n# Linked\n")
    body = "An antibody binds an antigen. See [linked](../linked.md)."
    write(project, "docs/articles/good.md", article("Good", body))
    write(project, "docs/stray.md", "# Stray\n")
    assert codes(project) == [
        ("docs/lonely.md", "orphan-unlinked", None),
        ("docs/stray.md", "unreachable", None),
    ]


def test_broken_toctree_entry(project: Path) -> None:
    index = project / "docs/index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("glossary\n", "glossary\nnope\n"))
    assert codes(project) == [("docs/index.md", "toctree-broken", 12)]


def test_unused_terms_follow_the_autolink_setting(project: Path) -> None:
    # good.md mentions "antibody" and "antigen" in prose only.
    assert codes(project) == []
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + 'kb_glossary_autolink = "off"\n', encoding="utf-8")
    assert codes(project) == [
        ("docs/glossary.md", "term-unused", 4),
        ("docs/glossary.md", "term-unused", 7),
    ]
    write(project, "docs/articles/uses.md", article("Uses", "An {term}`Antigen`."))
    assert codes(project) == [("docs/glossary.md", "term-unused", 4)]


def test_a_page_can_opt_out_of_glossary_links(project: Path) -> None:
    good = project / "docs/articles/good.md"
    good.write_text(good.read_text().replace("tags: [cancer]", "tags: [cancer]\nglossary: false"))
    assert codes(project) == [
        ("docs/glossary.md", "term-unused", 4),
        ("docs/glossary.md", "term-unused", 7),
    ]


def test_title_from_the_body_heading_is_not_missing(project: Path) -> None:
    write(project, "docs/articles/h1.md", "---\ndate: 2022-01-01\ndescription: x\n---\n# Heading\n")
    assert codes(project) == []


def test_raw_html_in_ordinary_pages_is_sanitized_too(project: Path) -> None:
    # The build sanitizes raw HTML on every page (issue 19, hole 3), so the check warns.
    index = project / "docs/index.md"
    index.write_text(index.read_text() + '\n<iframe src="https://example.org"></iframe>\n')
    run = run_check(str(project), "--format", "json")
    assert [(p["level"], p["code"], p["message"]) for p in run.report["problems"]] == [
        (
            "warning",
            "raw-html",
            "raw HTML <iframe> will be removed (the element is not allowed) when the page is built",
        )
    ]
