"""The shared parsers on hostile YAML: problems with lines, never crashes, bounded cost."""

from __future__ import annotations

import re
import time
import tracemalloc
from pathlib import Path

import pytest

from sphinx_kb.articles.frontmatter import FrontMatterError, decode_bytes, split_front_matter
from sphinx_kb.articles.model import normalize
from sphinx_kb.tags.vocabulary import load_vocabulary


def _bomb(levels: int, width: int = 9) -> str:
    """A billion-laughs document: each anchor is a list of ``width`` aliases of the previous."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("value", ["2021-02-30", "2021-13-01", "2021-01-01 25:00:00"])
def test_dates_that_are_not_days_stay_text_and_are_reported(value: str) -> None:
    # YAML's grammar takes these and Python's constructors raise.  The value stays the
    # text as written, the rest of the front matter is kept, and the model says the
    # date cannot be read, on its line: never a crash of the build or of kb check.
    text = f"---\ntitle: A page\ndate: {value}\n---\nBody.\n"
    fm = split_front_matter(text)
    assert fm.data == {"title": "A page", "date": value}
    article, problems = normalize(fm)
    assert article.title == "A page"
    assert article.date is None
    assert [(p.code, p.line, p.message) for p in problems] == [
        ("date-invalid", 3, f"date {value!r} is not a date I can read")
    ]


def test_huge_integers_stay_text() -> None:
    fm = split_front_matter("---\ntitle: A page\nweight: " + "9" * 5000 + "\n---\n")
    assert fm.data["weight"] == "9" * 5000


def test_nested_bad_date_stays_text() -> None:
    text = "---\ntitle: A page\nextra:\n  when:\n    - 2020-01-01\n    - 2020-02-31\n---\n"
    when = split_front_matter(text).data["extra"]["when"]
    assert [str(value) for value in when] == ["2020-01-01", "2020-02-31"]
    assert isinstance(when[1], str)


def test_front_matter_alias_bomb_is_refused_fast_and_small() -> None:
    text = "---\ntitle: x\n" + _bomb(9) + "---\nBody.\n"
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(FrontMatterError) as caught:
            split_front_matter(text)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "refusing a possible alias bomb" in caught.value.message
    assert elapsed < 1.0
    assert peak < 5_000_000


def test_vocabulary_alias_bomb_is_refused_fast_and_small(tmp_path: Path) -> None:
    # Before the fix, reporting "alias ... is not text" repr()'d the expanded bomb:
    # 8 levels took seconds and hundreds of megabytes, 9 levels gigabytes.
    path = tmp_path / "tags.yml"
    path.write_text(_bomb(9) + "cancer:\n  aliases: [*a8]\n  description: *a8\n")
    tracemalloc.start()
    started = time.perf_counter()
    try:
        vocabulary = load_vocabulary(path)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 5_000_000
    assert vocabulary.tags == {}
    assert any("alias bomb" in problem.message for problem in vocabulary.problems)


def test_vocabulary_value_python_rejects_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "tags.yml"
    path.write_text("cancer:\n  label: Cancer\n  since: 2021-02-30\n")
    vocabulary = load_vocabulary(path)
    assert vocabulary.problems == []
    assert vocabulary.tags["cancer"].label == "Cancer"


def test_python_object_tags_are_never_constructed() -> None:
    text = "---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n"
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(text)
    assert "could not determine a constructor" in caught.value.message
    assert caught.value.line == 2


def test_deep_nesting_is_refused() -> None:
    text = "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n"
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter(text)
    assert caught.value.message == "front matter is nested more than 32 levels deep"
    assert caught.value.line == 2


def test_odd_but_valid_yaml_types_are_problems_not_titles() -> None:
    for value in ("!!binary aGVsbG8=", "!!set {a, b}", "[a, b]", "{a: 1}"):
        article, problems = normalize(split_front_matter(f"---\ntitle: {value}\n---\n"))
        assert [p.code for p in problems] == ["title-invalid"], value
        assert article.title == ""


def test_binary_and_oversized_bytes_are_refused() -> None:
    with pytest.raises(FrontMatterError, match="looks binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(FrontMatterError, match="file is too large"):
        decode_bytes(b"a" * (5 * 1024 * 1024 + 1))


def test_yaml_is_only_ever_loaded_safely() -> None:
    # Every YAML read in the package goes through a safe loader: yaml.load only with
    # a SafeLoader, never unsafe_load, full_load, FullLoader or yaml.Loader.
    unsafe = re.compile(r"yaml\.(unsafe_load|full_load)\s*\(|(Full|Unsafe)Loader|yaml\.Loader\b")
    load = re.compile(r"yaml\.load(_all)?\s*\(")
    source = Path(__file__).resolve().parents[2] / "src" / "sphinx_kb"
    found = [
        f"{path.relative_to(source)}:{number}"
        for path in sorted(source.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if unsafe.search(line) or (load.search(line) and "SafeLoader" not in line)
    ]
    assert found == []
    assert len(list(source.rglob("*.py"))) > 20  # the scan really looked at the package


@pytest.mark.parametrize(
    "label",
    ["../../../etc/passwd", "..", "/abs/path", "a/b\\c", "~root", "con.md", "<script>", "..\x00x"],
)
def test_tag_slugs_cannot_leave_the_tags_folder(label: str, tmp_path: Path) -> None:
    vocabulary = load_vocabulary(tmp_path / "missing.yml")
    key, _declared = vocabulary.resolve(label)
    slugs, _messages = vocabulary.assign_slugs({key})
    slug = slugs[key]
    assert re.fullmatch(r"[\w-]+", slug), slug
    tags_dir = tmp_path / "docs" / "tags"
    assert (tags_dir / f"{slug}.md").resolve().parent == tags_dir.resolve()
