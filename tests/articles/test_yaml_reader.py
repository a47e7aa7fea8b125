"""Front matter YAML keeps text as written, and hostile documents are refused with a line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from sphinx_kb.articles import yaml_reader
from sphinx_kb.articles.frontmatter import FrontMatterError, split_front_matter
from sphinx_kb.articles.model import normalize
from sphinx_kb.articles.yaml_reader import MAX_DEPTH, YAMLBoundsError, check_tree, flag


def read(body: str) -> dict:
    return split_front_matter(f"---\n{body}\n---\nBody.\n").data


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("No", "No"),
        ("yes", "yes"),
        ("off", "off"),
        ("On", "On"),
        ("12:30:00", "12:30:00"),
        ("1.10", "1.10"),
        ("3.0", "3.0"),
        ("007", "007"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("1e3", "1e3"),
        (".inf", ".inf"),
        ("42", 42),
        ("-3", -3),
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("2024-05-01", dt.date(2024, 5, 1)),
        ("2024-05-01 10:30:00", dt.datetime(2024, 5, 1, 10, 30)),
        ("2021-02-30", "2021-02-30"),
        ('"quoted: no"', "quoted: no"),
    ],
)
def test_plain_scalars_keep_the_text_as_written(written: str, value: object) -> None:
    assert read(f"field: {written}") == {"field": value}


def test_the_issue_examples_reach_the_model_as_written() -> None:
    fm = split_front_matter(
        "---\ntitle: No\ndescription: yes\ntags: [on, off, no]\ndate: 2024-05-01\n---\n"
    )
    article, problems = normalize(fm)
    assert (article.title, article.description, article.tags) == ("No", "yes", ("on", "off", "no"))
    assert article.date == dt.date(2024, 5, 1)
    assert problems == []


@pytest.mark.parametrize(
    ("value", "meaning"),
    [
        (True, True),
        ("yes", True),
        ("On", True),
        ("TRUE", True),
        (False, False),
        ("no", False),
        ("off", False),
        ("maybe", None),
        (1, None),
        (None, None),
    ],
)
def test_flags_accept_yes_and_no_explicitly(value: object, meaning: bool | None) -> None:
    assert flag(value) is meaning


def test_nesting_deeper_than_the_bound_is_refused_on_its_line() -> None:
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert read(ok)["a"] is not None
    deep = "title: x\nextra:\n" + "".join(f"{'  ' * i}k{i}:\n" for i in range(1, 40)) + "  " * 40
    deep += "end"
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(f"---\n{deep}\n---\n")
    assert caught.value.message == f"front matter is nested more than {MAX_DEPTH} levels deep"
    # k<i> is on line 3 + i; k32's key is the first node more than 32 levels deep.
    assert caught.value.line == 3 + MAX_DEPTH


def test_the_depth_bound_does_not_depend_on_the_pyyaml_version() -> None:
    # Checked on the node tree before any object is built: PyYAML's own limits (or
    # their absence in older releases) never decide, and json.dumps never recurses deep.
    node = yaml.compose("a: " + "[" * 200 + "]" * 200, Loader=yaml.SafeLoader)
    with pytest.raises(YAMLBoundsError):
        check_tree(node)


def test_front_matter_that_is_read_always_serializes() -> None:
    data = read("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))
    json.dumps(data)  # what the build hands MyST; it raised RecursionError before


def test_too_many_values_are_refused() -> None:
    items = ",".join(["x"] * (yaml_reader.MAX_NODES + 1))
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(f"---\nlist: [{items}]\n---\n")
    assert caught.value.message == (
        f"front matter is too big: more than {yaml_reader.MAX_NODES:,} values"
    )
    assert caught.value.line == 2


def test_toml_front_matter_has_the_same_depth_bound() -> None:
    deep = "a = " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(f"+++\ntitle = 'x'\n{deep}\n+++\n")
    assert caught.value.message == f"front matter is nested more than {MAX_DEPTH} levels deep"
    assert caught.value.line == 2


def test_duplicate_keys_are_reported_with_their_line() -> None:
    fm = split_front_matter("---\ntitle: First\ndate: 2024-05-01\ntitle: Second\n---\n")
    assert fm.data["title"] == "Second"
    _article, problems = normalize(fm)
    assert [(p.level, p.line, p.message) for p in problems] == [
        ("warning", 4, "key 'title' is given twice; the later value is used")
    ]


def test_nested_duplicate_keys_are_reported_too() -> None:
    fm = split_front_matter("---\ntitle: T\nimage:\n  path: a.png\n  path: b.png\n---\n")
    assert fm.warnings == ((5, "key 'path' is given twice; the later value is used"),)


def test_blank_lines_before_the_front_matter_are_read_with_a_warning() -> None:
    fm = split_front_matter("\n\n---\ntitle: Late\n---\nBody.\n")
    assert fm.data == {"title": "Late"}
    assert fm.line_of("title") == 4
    assert fm.body == "Body.\n"
    assert fm.body_line == 6
    assert fm.warnings == ((3, "blank lines before the front matter's opening fence; read anyway"),)


def test_an_invisible_title_is_no_title() -> None:
    article, problems = normalize(split_front_matter("---\ntitle: \u200b\u2060\ufeff\n---\n"))
    assert article.title == ""
    assert [(p.code, p.line, p.message) for p in problems] == [
        ("title-invalid", 2, "title has no visible characters")
    ]


def test_a_date_as_a_title_is_text() -> None:
    article, problems = normalize(split_front_matter("---\ntitle: 2024-05-01\n---\n"))
    assert article.title == "2024-05-01"
    assert [p.code for p in problems] == []
