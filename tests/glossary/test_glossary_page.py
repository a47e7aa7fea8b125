"""The glossary page: backlinks, hover texts, unused terms (default build)."""

from __future__ import annotations

from glossary_helpers import Built, body, tip_of, used_in
from kbtest import search_records

from sphinx_kb.glossary import unused_terms, unused_terms_for
from sphinx_kb.glossary.runtime import runtime

ALPHA = "docs/articles/alpha"


def test_used_in_lists_the_articles_that_mention_each_entry(glossary_site: Built) -> None:
    lists = used_in(glossary_site.page("docs/glossary"))
    assert lists["term-Vaccine"] == ["Beta article"]
    # Newest first; the opted-out page counts through its explicit reference.
    assert lists["term-Pathogen"] == ["Alpha article", "Opted-out article"]
    assert lists["term-T-cell"] == ["Alpha article", "Beta article"]
    assert lists["term-Orphan-term"] == []
    # One list per entry, whichever synonym the articles used.
    page = glossary_site.page("docs/glossary")
    assert len(page.select("p.kb-used-in")) == len([k for k, v in lists.items() if v])


def test_used_in_links_go_to_the_articles(glossary_site: Built) -> None:
    page = glossary_site.page("docs/glossary")
    definition = page.find(id="term-Vaccine").find_next_sibling("dd")
    (link,) = definition.select("p.kb-used-in a")
    assert link["href"] == "articles/beta.html"


def test_unused_terms(glossary_site: Built) -> None:
    assert unused_terms_for(glossary_site.app) == ["Orphan term"]
    glossary = runtime(glossary_site.app.env).glossary
    assert unused_terms(glossary, {"a": ("orphan term",)})[:2] == [
        "Adaptive immune system",
        "Antibody",
    ]
    assert "Orphan term" not in unused_terms(glossary, {"a": ("orphan term",)})


def test_every_auto_link_has_a_hidden_plain_text_tip(glossary_site: Built) -> None:
    article = body(glossary_site.page(ALPHA))
    links = article.select("a.kb-term-link")
    assert links
    for link in links:
        # The tip describes the link; it is not inside it, so not part of its name.
        assert link.select(".kb-term-tip") == []
        tip = tip_of(link)
        assert tip["role"] == "tooltip" and "kb-term-tip" in tip["class"]
        assert tip.find(True) is None  # plain text, no markup inside
        assert tip.get_text().strip()
    tips = {a.select_one(".std-term").get_text(): tip_of(a).get_text() for a in links}
    assert (
        tips["immune system"] == "The network of cells, tissues and organs that defends the body."
    )
    # First sentence only; markup in the definition ({term}, code) reduced to its text.
    assert (
        tips["Antibodies"]
        == "A Y-shaped protein made by B cells that binds one <antigen> & marks it for attack."
    )
    assert tips["adaptive immune system"] == (
        "The parts of the immune system that learn to recognise one particular invader."
    )


def test_tip_text_is_escaped(glossary_site: Built) -> None:
    html = (glossary_site.outdir / f"{ALPHA}.html").read_text(encoding="utf-8")
    assert "one &lt;antigen&gt; &amp; marks it" in html
    assert "<antigen>" not in html


def test_tips_are_left_out_of_the_search_index(glossary_site: Built) -> None:
    records = search_records(glossary_site.outdir)
    # "network" is only in the glossary and in the tip of "immune system" on alpha.
    assert "network" not in records[f"{ALPHA}.html"]["text"]
    term = next(r for r in records.values() if r["title"] == "Immune system")
    assert "network" in term["definition"]


def test_stylesheet_is_linked(glossary_site: Built) -> None:
    assert (glossary_site.outdir / "_static" / "kb-glossary.css").is_file()
    html = (glossary_site.outdir / f"{ALPHA}.html").read_text("utf-8")
    assert 'href="../../_static/kb-glossary.css' in html
