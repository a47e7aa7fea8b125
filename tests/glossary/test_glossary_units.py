"""The reader, the forms and the matcher on their own (no Sphinx build)."""

from __future__ import annotations

from pathlib import Path

from sphinx_kb.glossary.forms import forms_of, is_case_sensitive
from sphinx_kb.glossary.matcher import Matcher, matcher_for, term_table
from sphinx_kb.glossary.terms import parse_glossary, read_glossary, summarize

SOURCE = """\
# Glossary

Text before the block mentions T cell but is not a glossary.

````{glossary}
:sorted:

T cell
T lymphocyte
  A {term}`lymphocyte` that matures in the **thymus**. It has a
  [receptor](https://example.org) too.

  See also {term}`B cells <B cell>`.

B cell
  % forms: B-lymphocyte
  A `lymphocyte` that makes antibodies.

Lymphocyte : classifier
  A white blood cell.

Adaptive immune system
  Learns.

Immune system
  Defends.

MHC
  Molecules that present antigens.
````
"""


def test_reader_finds_entries_synonyms_forms_and_see_also() -> None:
    glossary = parse_glossary(SOURCE)
    assert [e.terms for e in glossary.entries] == [
        ("T cell", "T lymphocyte"),
        ("B cell",),
        ("Lymphocyte",),
        ("Adaptive immune system",),
        ("Immune system",),
        ("MHC",),
    ]
    t_cell, b_cell = glossary.entries[:2]
    assert t_cell.id == "t cell"
    assert t_cell.lines == (8, 9)
    assert t_cell.see_also == ("lymphocyte", "B cell")
    assert b_cell.forms == ("B-lymphocyte",)
    assert glossary.entry_for("t LYMPHOCYTE") is t_cell
    assert glossary.entry_for("T cells") is None  # forms are the matcher's business


def test_summary_is_the_first_sentence_in_plain_text() -> None:
    glossary = parse_glossary(SOURCE)
    assert glossary.entries[0].summary == "A lymphocyte that matures in the thymus."
    assert glossary.entries[1].summary == "A lymphocyte that makes antibodies."
    long = "word " * 80
    cut = summarize(long)
    assert len(cut) <= 200 and cut.endswith("…")


def test_read_glossary_caches_by_mtime(tmp_path: Path) -> None:
    path = tmp_path / "glossary.md"
    path.write_text(SOURCE, encoding="utf-8")
    first = read_glossary(path)
    assert read_glossary(path) is first
    path.write_text(SOURCE.replace("Defends.", "Protects the body."), encoding="utf-8")
    second = read_glossary(path)
    assert second is not first
    assert second.entries[4].summary == "Protects the body."
    assert read_glossary(tmp_path / "missing.md").entries == ()


def test_forms() -> None:
    assert {"T cell", "T cells", "T-cell"} <= forms_of("T cell")
    assert "antibodies" in forms_of("Antibody")
    assert "metastases" in forms_of("Metastasis")
    assert "cytokine" in forms_of("Cytokines")
    assert "MHCs" in forms_of("MHC")
    assert "CAR T cell therapy" in forms_of("CAR T-cell therapy")
    assert "leucaemia" in forms_of("Leukaemia", ("leucaemia",))
    assert is_case_sensitive("MHC") and is_case_sensitive("PD-1") and is_case_sensitive("MHCs")
    assert not is_case_sensitive("T cell") and not is_case_sensitive("Antibody")


def _found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.target.term_id) for m in matcher.find(text)]


def test_matcher_longest_match_whole_words_and_case() -> None:
    matcher = Matcher(term_table(parse_glossary(SOURCE)))
    text = "The adaptive immune system uses T-cells, B-lymphocytes and MHC, not mhc."
    assert _found(matcher, text) == [
        ("adaptive immune system", "adaptive immune system"),
        ("T-cells", "t cell"),
        ("B-lymphocytes", "b cell"),
        ("MHC", "mhc"),
    ]
    assert _found(matcher, "The immune systems, lymphocytes.") == [
        ("immune systems", "immune system"),
        ("lymphocytes", "lymphocyte"),
    ]
    assert _found(matcher, "nonimmune systemic anti-T-cell lymphocyteish") == []
    assert _found(matcher, "the patient's T cell's receptor") == [("T cell", "t cell")]


def test_matcher_exclusions_and_digest() -> None:
    glossary = parse_glossary(SOURCE)
    full = matcher_for(glossary)
    assert matcher_for(glossary) is full  # built once per term set
    without = matcher_for(glossary, ["t LYMPHOCYTE"])
    assert _found(without, "T cells and B cells") == [("B cells", "b cell")]
    assert without.digest != full.digest
    assert not Matcher({})
    assert Matcher({}).find("anything") == []
