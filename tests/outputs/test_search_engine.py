"""The search index (outputs/search/engine.py, extract.py) and its reader
(static/kb-search-engine.js): what a page gives the index, the stemmer pair, the
bundle's bytes, and queries run in Chromium against a real build."""

from __future__ import annotations

import base64
import gzip
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from kbtest import REPO, ROOTS, build_project, copy_project, search_bundle

from sphinx_kb.outputs.search import engine, extract
from sphinx_kb.outputs.search.pages import END, SearchPage, wrapper

sys.path.insert(0, str(REPO / "benchmarks"))
import search_probe  # benchmarks/ is not a package

BODY = (
    wrapper(SearchPage("article", 'A <b>"bold"</b> title', "2020-01-02", ("Tag, one", "Two")))
    + '<section id="s"><h1>Title words<a class="headerlink" href="#s">¶</a></h1>'
    + '<p class="kb-byline"><time>2 January 2020</time> 3 min read</p>'
    + '<p>Im<em>mune</em> cells&nbsp;fight <span class="no-search">hovertip</span> germs.</p>'
    + "<script>scripted()</script><h2>Second heading</h2><p>More text.</p>"
    + "<div hidden>hiddenword</div><!-- a comment --></section></div>"
    + END
)


#: English, as a site with ``language = "en"`` indexes it.
EN = engine.Words.of(engine.search_language("en"))


def test_a_page_gives_its_fields_and_weighted_words() -> None:
    record = extract.page_record("a.html", extract.body_slice(f"<html>{BODY}</html>"))
    assert (record.kind, record.title, record.date) == (
        "article",
        'A <b>"bold"</b> title',
        "2020-01-02",
    )
    assert record.date_label == "2 January 2020" and record.tags == ("Tag, one", "Two")
    # A word split by inline markup stays one word; block edges end words.
    assert record.text == "Immune cells fight germs. Second heading More text."
    assert [w for w, t in record.runs if "Second heading" in t] == [3.0]
    for never in ("Title words", "min read", "hovertip", "scripted", "hiddenword", "comment"):
        assert never not in record.text
    assert extract.body_slice("<html><p>no wrapper</p></html>") is None


def test_broken_markup_is_still_read_or_named() -> None:
    # A stray end tag closes the wrapper early: the rest of the body is still the page's.
    early = extract.page_record("a.html", BODY.replace("<p>More", "</div></section><p>More"))
    assert early.title == 'A <b>"bold"</b> title' and early.text.endswith("More text.")
    # Deeper than libxml2 goes (it would drop the rest of the page): read all the same,
    # and read as the shallow page is.
    deep = BODY.replace(
        "<p>More text.</p>", "<div>" * 300 + "Deep." + "</div>" * 300 + "<p>After.</p>"
    )
    record = extract.page_record("a.html", deep)
    assert record.text.endswith("Second heading Deep. After.")
    assert record.tags == ("Tag, one", "Two") and record.runs[0][0] == 1.0
    shallow = BODY.replace(
        "<p>More text.</p>", "<div>" * 30 + "Deep." + "</div>" * 30 + "<p>After.</p>"
    )
    assert extract._streamed("a.html", shallow) == extract.page_record("a.html", shallow)


def _records() -> list[extract.Record]:
    page = extract.page_record("a.html", extract.body_slice(BODY))
    other = extract.Record(
        url="b.html", kind="page", title="Germ theory", runs=[(1.0, "Germs. " * 5)]
    )
    term = extract.Record(
        url="g.html#term-Germ", kind="glossary", title="Germ", names=("Microbe",),
        link="g.html#term-Germ", definition="A tiny living thing that can cause disease.",
    )  # fmt: skip
    return [page, other, term]


def test_the_bundle_is_the_same_bytes_for_the_same_pages() -> None:
    first, second = engine.build(_records(), EN), engine.build(_records(), EN)
    assert first == second
    meta = json.loads(first["index.json"])
    assert meta["pages"] == 3 and meta["language"] == "en"
    assert all(name.startswith(meta["build"] + "/") for name in first if name != "index.json")
    # Another page, another build folder: a reader's cached files never mix two builds.
    records = _records()
    records[1].runs = [(1.0, "Other words.")]
    assert json.loads(engine.build(records, EN)["index.json"])["build"] != meta["build"]


def test_a_title_outweighs_the_text_and_a_whole_title_most() -> None:
    bundle = engine.build(_records(), EN)
    meta = json.loads(bundle["index.json"])
    words: dict[str, Any] = {}
    for number in range(len(meta["chunks"])):
        words.update(json.loads(gzip.decompress(bundle[f"{meta['build']}/w/{number}.kbz"])))
    assert "the" not in words and "germs" not in words  # a stop word; stemmed to "germ"
    ids, scores = words["germ"]
    by_page = dict(zip(ids, scores, strict=True))  # deltas from 0: ids 0, 1, 1 -> 0, 1, 2
    assert ids == [0, 1, 1]
    assert by_page[1] > by_page[0]  # "Germ theory": in the title, then five times in the text
    assert scores[2] > scores[1]  # the term "Germ": the whole title
    assert words["microb"][0] == [2]  # a synonym is a name of the term


def test_no_pages_and_a_very_long_page() -> None:
    empty = json.loads(engine.build([], EN)["index.json"])
    assert (empty["pages"], empty["chunks"]) == (0, [])
    long = extract.Record(url="l.html", kind="page", title="Long", runs=[(1.0, "word " * 50_000)])
    bundle = engine.build([long], EN)
    folder = json.loads(bundle["index.json"])["build"]
    text = json.loads(gzip.decompress(bundle[f"{folder}/p/0.kbz"]))["text"]
    assert len(text) == engine.SNIPPET_SOURCE


def test_glossary_records_show_their_definition_not_text() -> None:
    bundle = engine.build(_records(), EN)
    folder = json.loads(bundle["index.json"])["build"]
    term = json.loads(gzip.decompress(bundle[f"{folder}/p/2.kbz"]))
    assert term == {
        "url": "g.html#term-Germ", "kind": "glossary", "title": "Germ",
        "link": "g.html#term-Germ", "definition": "A tiny living thing that can cause disease.",
    }  # fmt: skip
    filters = json.loads(gzip.decompress(bundle[f"{folder}/filters.kbz"]))
    assert filters["tag"] == {"Tag, one": [0], "Two": [0]} and filters["newest"] == [0]


WORDS = (  # noqa: SIM905 - easier to read as a sentence
    "running runs ran generalization generously immunities immunotherapy vaccines "
    "vaccination cells caring cared national nationality hopeful hopefully skies dying "
    "épées naïve über Häuser choses mangé"
).split()


@pytest.mark.browser
@pytest.mark.parametrize("code", ["en", "fr", "de", "es", "it", "nl", "pt", "ru", "sv"])
def test_the_javascript_stemmer_agrees_with_the_python_one(browser: Any, code: str) -> None:
    """The index is stemmed in Python and queries in the browser: the pair must agree,
    word for word (this is also the canary of ``internals.sphinx.js_stemmer``)."""
    lang = engine.search_language(code)
    stem, module = engine.stemmers(lang)
    assert stem == lang.stem and "export default" in module, "Sphinx's stemmer was not found"
    words = [*WORDS, *sorted(lang.stopwords)[:5], "привет", "бегущий"]
    page = browser.new_page()
    url = "data:text/javascript;base64," + base64.b64encode(module.encode()).decode()
    stems = page.evaluate(
        "async ([url, words]) => { const s = (await import(url)).default; return words.map(s); }",
        [url, [w.lower() for w in words]],
    )
    page.close()
    assert stems == [stem(w.lower()) for w in words]


def test_languages_without_a_javascript_stemmer_stem_nothing() -> None:
    for code in ("ja", "zh", "xx"):
        stem, module = engine.stemmers(engine.search_language(code))
        assert stem("running") == "running" and "=> word" in module


# Queries against a real build of tests/roots/test-kb, in Chromium.


def _build(src: Path) -> Path:
    app, _status, _warnings = build_project(src, src.parent / "_build")
    assert app.statuscode == 0
    return Path(app.outdir)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = _build(copy_project(ROOTS / "test-kb", tmp_path_factory.mktemp("engine") / "src"))
    with search_probe.serve(out) as base:
        yield base, out


def _search(browser: Any, base: str, query: str, **options: Any) -> Any:
    page = browser.new_page()
    page.goto(f"{base}search.html")
    found = page.evaluate(
        """async ([query, options]) => {
            const { open } = await import("./_static/kb-search-engine.js");
            const index = await open(new URL("_kbsearch/", location.href));
            if (options.facets) options.facets = await index.filters();
            const found = await index.search(query, options);
            const records = await Promise.all(found.results.map((id) => index.record(id)));
            return { urls: records.map((r) => r.url), counts: found.counts,
                     excerpt: records.length && records[0].text
                        ? index.excerpt(records[0].text, query) : null };
        }""",
        [query, options],
    )
    page.close()
    return found


@pytest.mark.browser
def test_queries_prefixes_and_stop_words(served: Any, browser: Any) -> None:
    base, _out = served
    # The last word is a prefix (results as you type).
    whole = _search(browser, base, "pathogen")["urls"]
    assert whole[0] == "docs/glossary.html#term-Pathogen"
    assert _search(browser, base, "pathog")["urls"] == whole
    # Stop words and numbers are not indexed: alone they find nothing, beside a word
    # they narrow nothing.
    assert _search(browser, base, "the of")["urls"] == []
    assert _search(browser, base, "the pathogen")["urls"] == whole
    # All the words must be on a page.
    assert _search(browser, base, "pathogen zzzunknown")["urls"] == []


@pytest.mark.browser
def test_snippets_mark_the_words_found(served: Any, browser: Any) -> None:
    base, _out = served
    found = _search(browser, base, "lede")
    assert found["urls"][0] == "docs/articles/alpha.html"
    marked = [text for text, is_mark in found["excerpt"] if is_mark]
    assert marked and all(text.lower().startswith("lede") for text in marked)


@pytest.mark.browser
def test_tags_narrow_and_count(served: Any, browser: Any) -> None:
    base, _out = served
    every = _search(browser, base, "", facets=True)
    assert len(every["urls"]) > 3 and every["counts"]["Cancer"] >= 1
    cancer = _search(browser, base, "", tags=["Cancer"], facets=True)
    assert 0 < len(cancer["urls"]) == every["counts"]["Cancer"] < len(every["urls"])
    assert "docs/articles/alpha.html" in cancer["urls"]


@pytest.mark.browser
def test_a_hostile_title_is_shown_as_text(served: Any, browser: Any) -> None:
    base, _out = served
    page = browser.new_page()
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base}search.html?q=lede")
    page.wait_for_selector("#kb-search-results li")
    title = page.locator(".kb-result-title a").first
    assert title.inner_text() == "Alpha <script>alert(1)</script> & co"
    assert page.locator("#kb-search-results script").count() == 0
    page.close()
    assert alerts == []


def test_the_bundle_files_are_gzipped_json(served: Any) -> None:
    _base, out = served
    _meta, folder = search_bundle(out)
    for path in folder.rglob("*.kbz"):
        data = path.read_bytes()
        assert data[:2] == b"\x1f\x8b" and data[4:8] == b"\0\0\0\0", path  # no timestamp
        json.loads(gzip.decompress(data))
    assert (folder / "stem.js").read_text("utf-8").startswith("// Sphinx's English stemmer")


@pytest.mark.browser
def test_a_page_opened_before_the_site_was_published_again_still_searches(
    tmp_path: Path, browser: Any
) -> None:
    """A reader's open search page holds the old build's index.json; the files it names
    are gone after the next build: the first file that cannot be fetched makes the page
    open the new index and search again."""
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    out = _build(src)
    old, _folder = search_bundle(out)
    with search_probe.serve(out) as base:
        page = browser.new_page()
        page.goto(f"{base}search.html")
        page.wait_for_function("performance.getEntriesByName('kb-search:ready').length > 0")
        article = src / "docs/articles/beta.md"
        article.write_text(article.read_text("utf-8") + "\nA zeppelinlike word.\n", "utf-8")
        assert search_bundle(_build(src))[0]["build"] != old["build"]
        page.fill("#kb-search-q", "pathogen")
        page.wait_for_selector("#kb-search-results li")
        href = page.locator(".kb-result-title a").first.get_attribute("href")
        assert href.endswith("/docs/glossary.html#term-Pathogen")
        page.close()


def test_both_parsers_read_every_page_of_a_real_site_alike(served: Any) -> None:
    """The streaming parser stands in for lxml on pages nested too deep for it: on the
    pages of a real build, the two give the same records."""
    _base, out = served
    bodies = 0
    for path in sorted(out.rglob("*.html")):
        body = extract.body_slice(path.read_text("utf-8"))
        if body is not None:
            bodies += 1
            assert extract._streamed("x", body) == extract.page_record("x", body), path
    assert bodies > 5
