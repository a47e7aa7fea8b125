"""Auto-linking in a real build of ``tests/roots/test-glossary`` (default settings)."""

from __future__ import annotations

from glossary_helpers import Built, body, term_links, text_without_tips

from sphinx_kb.environment.domain import get_domain
from sphinx_kb.glossary.hover import kb_term_text

ALPHA = "docs/articles/alpha"
BETA = "docs/articles/beta"
OPTOUT = "docs/articles/optout"


def test_build_is_clean(glossary_site: Built) -> None:
    assert glossary_site.warnings == ""


def test_first_mention_of_each_term_is_linked(glossary_site: Built) -> None:
    links = term_links(glossary_site.page(ALPHA), auto_only=True)
    assert links == [
        ("immune system", "term-Immune-system"),
        ("T cells", "term-T-cell"),
        ("B cells", "term-B-cell"),
        ("lymphocytes", "term-Lymphocyte"),
        ("Antibodies", "term-Antibody"),
        ("adaptive immune system", "term-Adaptive-immune-system"),
        ("pathogen", "term-Pathogen"),
        ("CAR", "term-CAR"),
        ("MHC", "term-MHC"),
        ("leukaemia", "term-Leukaemia"),
    ]


def test_links_point_at_the_glossary_entry(glossary_site: Built) -> None:
    link = body(glossary_site.page(ALPHA)).select_one("a.kb-term-link")
    assert link is not None
    assert link["href"] == "../glossary.html#term-Immune-system"
    target = glossary_site.page("docs/glossary").find(id="term-Immune-system")
    assert target is not None and target.name == "dt"


def test_longest_match_wins(glossary_site: Built) -> None:
    links = dict(term_links(glossary_site.page(ALPHA)))
    assert links["adaptive immune system"] == "term-Adaptive-immune-system"
    # The shorter term inside it was not linked a second time.
    assert [text for text, _ in term_links(glossary_site.page(ALPHA))].count("immune system") == 1


def test_plurals_hyphens_synonyms_and_declared_forms(glossary_site: Built) -> None:
    alpha = dict(term_links(glossary_site.page(ALPHA)))
    assert alpha["T cells"] == "term-T-cell"
    assert alpha["Antibodies"] == "term-Antibody"
    assert alpha["lymphocytes"] == "term-Lymphocyte"
    beta = term_links(glossary_site.page(BETA))
    assert ("T-cell", "term-T-cell") in beta
    assert ("leukemia", "term-Leukemia") in beta  # a synonym links to its own term line
    assert ("vaccine", "term-Vaccine") in beta
    # A term broken across source lines is still one mention.
    assert ("adaptive\nimmune system", "term-Adaptive-immune-system") in beta


def test_whole_words_only(glossary_site: Built) -> None:
    beta = dict(term_links(glossary_site.page(BETA)))
    # "Pathogenic", "xpathogen" and "immune-systemic" hold a term but are other words.
    assert "term-Pathogen" not in beta.values()
    assert "term-Immune-system" not in beta.values()


def test_abbreviations_match_only_in_capitals(glossary_site: Built) -> None:
    text = next(
        p for p in body(glossary_site.page(ALPHA)).select("p") if "A car is not" in p.get_text()
    )
    linked = [a.select_one(".std-term").get_text() for a in text.select("a.kb-term-link")]
    assert "CAR" in linked and "MHC" in linked
    assert "car" not in linked and "mhc" not in linked
    assert "A car is not a CAR, and mhc is not MHC." in text_without_tips(text)


def test_never_linked_in_code_math_raw_links_headings_or_lede(glossary_site: Built) -> None:
    article = body(glossary_site.page(ALPHA))
    places = article.select("p.kb-lede, p.kb-byline, h1, h2, pre, code, .math")
    raw = [p for p in article.select("p") if p.get_text() == "Leukaemia in raw HTML"]
    assert len(raw) == 1  # the raw HTML block, written out as it was
    for selector in ("p.kb-lede", "h1", "h2", "pre", "code", ".math"):
        assert article.select(selector), selector  # each kind of place is really there
    for place in [*places, *raw]:
        assert place.select("a.kb-term-link") == [], place
    external = article.select_one('a[href="https://example.org/leukaemia"]')
    assert external is not None and external.select(".std-term") == []
    # The lede mentions "immune system" first; the link is in the body.
    lede = article.select_one("p.kb-lede")
    assert lede is not None and "immune system" in lede.get_text()
    # Leukaemia appears in code, math, raw, a link and a heading first; only the prose is linked.
    leukaemia = article.select("a.kb-term-link .std-term")
    (link,) = [t for t in leukaemia if t.get_text().lower() == "leukaemia"]
    assert "finally leukaemia in plain text" in text_without_tips(link.find_parent("p"))


def test_explicit_references_are_kept_and_not_given_tips(glossary_site: Built) -> None:
    article = body(glossary_site.page(ALPHA))
    explicit = [
        a for a in article.select("a.reference") if a.get_text(strip=True) == "T lymphocyte"
    ]
    assert len(explicit) == 1
    assert explicit[0]["href"].endswith("#term-T-cell")
    assert explicit[0].select(".kb-term-tip") == []


def test_page_opt_out(glossary_site: Built) -> None:
    page = glossary_site.page(OPTOUT)
    assert term_links(page, auto_only=True) == []
    # An explicit {term} reference still works on an opted-out page.
    assert term_links(page) == [("pathogen", "term-Pathogen")]


def test_links_are_made_at_write_time_as_sphinx_term_references(glossary_site: Built) -> None:
    # The stored doctree holds no auto links: they are made while writing, so they
    # never sit in the pickles or in the doctrees kept in memory between phases.
    stored = glossary_site.app.env.get_doctree(ALPHA)
    assert list(stored.findall(kb_term_text)) == []
    assert "immune system" in stored.astext()
    # Written, a link is what the std domain makes of a {term} role: an internal
    # reference to the term's anchor around an inline "xref std std-term".
    (link,) = [
        a
        for a in body(glossary_site.page(ALPHA)).select("a.kb-term-link")
        if a.select_one(".std-term").get_text() == "immune system"
    ]
    assert sorted(link["class"]) == ["internal", "kb-term-link", "reference"]
    assert link["href"] == "../glossary.html#term-Immune-system"
    assert link.select_one("span")["class"] == ["xref", "std", "std-term"]


def test_mentions_are_recorded_per_article(glossary_site: Built) -> None:
    mentions = get_domain(glossary_site.app.env).mentions
    assert mentions[ALPHA] == (
        "adaptive immune system",
        "antibody",
        "b cell",
        "chimeric antigen receptor",
        "immune system",
        "leukaemia",
        "lymphocyte",
        "major histocompatibility complex",
        "pathogen",
        "t cell",
    )
    assert mentions[BETA] == ("adaptive immune system", "leukaemia", "t cell", "vaccine")
    assert mentions[OPTOUT] == ("pathogen",)  # explicit references count
    assert "docs/glossary" not in mentions
