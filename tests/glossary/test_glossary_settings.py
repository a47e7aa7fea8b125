"""Each ``kb_glossary_autolink`` mode and ``kb_glossary_exclude``: real builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from glossary_helpers import parse, term_links, used_in
from sphinx.testing.util import SphinxTestApp

ALPHA = "docs/articles/alpha"


def _t_cell_links(app: SphinxTestApp) -> int:
    links = term_links(parse(Path(app.outdir), ALPHA), auto_only=True)
    return [anchor for _text, anchor in links].count("term-T-cell")


@pytest.mark.sphinx("html", testroot="glossary", srcdir="glossary-page")
def test_first_per_page_is_the_default(app: SphinxTestApp) -> None:
    app.build()
    # "T cells" is mentioned in the first paragraph, twice in one section, once in another.
    assert _t_cell_links(app) == 1


@pytest.mark.sphinx(
    "html",
    testroot="glossary",
    srcdir="glossary-section",
    confoverrides={"kb_glossary_autolink": "first-per-section"},
)
def test_first_per_section(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert _t_cell_links(app) == 3
    headings = parse(Path(app.outdir), ALPHA).select("section section")
    for section in headings:
        assert len([a for a in section.select("a.kb-term-link") if "T-cell" in a["href"]]) == 1


@pytest.mark.sphinx(
    "html",
    testroot="glossary",
    srcdir="glossary-every",
    confoverrides={"kb_glossary_autolink": "every"},
)
def test_every_mention(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert _t_cell_links(app) == 4
    # Still never in headings, code or the lede, and "car" is still not "CAR".
    page = parse(Path(app.outdir), ALPHA)
    assert page.select("h2 a.kb-term-link, pre a, code a, p.kb-lede a") == []
    texts = [text for text, _anchor in term_links(page, auto_only=True)]
    assert texts.count("CAR") == 1 and "car" not in texts
    assert texts.count("pathogen") == 1 and texts.count("pathogens") == 1


@pytest.mark.sphinx(
    "html",
    testroot="glossary",
    srcdir="glossary-off",
    confoverrides={"kb_glossary_autolink": "off"},
)
def test_off(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    for doc in (ALPHA, "docs/articles/beta", "docs/articles/optout"):
        assert term_links(parse(outdir, doc), auto_only=True) == []
    # Explicit references still link, and still count as mentions.
    assert term_links(parse(outdir, ALPHA)) == [("T lymphocyte", "term-T-cell")]
    lists = used_in(parse(outdir, "docs/glossary"))
    assert lists["term-T-cell"] == ["Alpha article"]
    assert lists["term-Vaccine"] == []


@pytest.mark.sphinx(
    "html",
    testroot="glossary",
    srcdir="glossary-exclude",
    # A synonym switches off its whole entry; names match in any case.
    confoverrides={"kb_glossary_exclude": ["pathogen", "T lymphocyte"]},
)
def test_excluded_terms_are_never_auto_linked(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    anchors = {a for _t, a in term_links(parse(outdir, ALPHA), auto_only=True)}
    assert "term-Pathogen" not in anchors and "term-T-cell" not in anchors
    assert {"term-Immune-system", "term-B-cell", "term-Antibody"} <= anchors
    # The explicit reference to an excluded term is left alone.
    assert ("T lymphocyte", "term-T-cell") in term_links(parse(outdir, ALPHA))


@pytest.mark.sphinx(
    "html",
    testroot="glossary",
    srcdir="glossary-backlinks-limit",
    confoverrides={"kb_glossary_backlinks_limit": 1},
)
def test_backlinks_limit(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = parse(Path(app.outdir), "docs/glossary")
    lists = used_in(page)
    assert lists["term-Pathogen"] == ["Alpha article"]  # the newest of two
    line = page.find(id="term-Pathogen").find_next_sibling("dd").select_one("p.kb-used-in")
    assert line.get_text() == "Used in: Alpha article and 1 more"
    assert lists["term-Vaccine"] == ["Beta article"]
