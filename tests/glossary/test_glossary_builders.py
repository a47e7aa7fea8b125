"""LaTeX and EPUB: term links are plain references; no tooltip ever reaches them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx(
    "latex",
    testroot="glossary",
    srcdir="glossary-latex",
    confoverrides={"latex_show_pagerefs": True},
)
def test_latex_term_links_have_page_references(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    (tex,) = Path(app.outdir).glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    link = (
        r"{\hyperref[\detokenize{docs/glossary:term-Immune-system}]{\sphinxtermref{"
        r"\DUrole{xref}{\DUrole{std}{\DUrole{std-term}{immune system}}}}}}"
    )
    assert link in text
    # Its page number is in the note after the article (kb_pdf_term_pages = "note").
    assert r"~p.\,\pageref{\detokenize{docs/glossary:term-Immune-system}}" in text
    # The hover text is only in the glossary's own definition, never beside a link.
    assert text.count("defends the body") == 1
    assert "kb-term-tip" not in text and "tooltip" not in text
    # Backlinks reach the PDF too, as references to the articles.
    assert r"\sphinxstylestrong{Used in:}" in text


@pytest.mark.sphinx("epub", testroot="glossary", srcdir="glossary-epub")
def test_epub_has_links_but_no_tooltips(app: SphinxTestApp) -> None:
    app.build()
    page = (Path(app.outdir) / "docs" / "articles" / "alpha.xhtml").read_text(encoding="utf-8")
    assert 'href="../glossary.xhtml#term-Immune-system"' in page
    assert "kb-term-tip" not in page and "defends the body" not in page
