"""References to labels, terms and titles on other pages stay right on incremental builds."""

from __future__ import annotations

import re

from kbtest import ROOTS, copy_project, page


def _refs(app):
    return [
        (a.get_text(), a.get("href")) for a in page(app, "docs/refs").select("article a.reference")
    ]


def test_references_follow_their_targets(make_app, tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "site")
    alpha = src / "docs/articles/alpha.md"
    alpha.write_text(alpha.read_text().replace("## Section one", "(sec-one)=\n## Section one"))
    (src / "docs/refs.md").write_text(
        "---\norphan: true\n---\n# References\n\nSee {ref}`sec-one` and {doc}`articles/delta`.\n"
    )
    app = make_app("html", srcdir=src)
    app.build()
    assert _refs(app) == [
        ("Section one", "articles/alpha.html#sec-one"),
        ("Delta", "articles/delta.html"),
    ]
    alpha.write_text(alpha.read_text().replace("## Section one", "## Part one"))
    app = make_app("html", srcdir=src)
    app.build()
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    # Only alpha is re-read; refs is rewritten because what its {ref} shows changed.
    assert "0 added, 1 changed, 0 removed" in status
    assert _refs(app)[0] == ("Part one", "articles/alpha.html#sec-one")
    delta = src / "docs/articles/delta.md"
    delta.write_text(delta.read_text().replace("title: Delta", "title: Delta renamed"))
    app = make_app("html", srcdir=src)
    app.build()
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    assert "0 added, 1 changed, 0 removed" in status  # the {doc} page is rewritten, not re-read
    assert _refs(app) == [
        ("Part one", "articles/alpha.html#sec-one"),
        ("Delta renamed", "articles/delta.html"),
    ]
    clean = make_app("html", srcdir=src, freshenv=True, builddir=tmp_path / "clean")
    clean.build()
    assert _refs(clean) == _refs(app)
