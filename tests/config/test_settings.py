"""Settings are validated like Sphinx's own, but a wrong value stops the build: one error
naming the setting, the value and what is allowed (Sphinx itself would only warn)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from kbtest import ROOTS, copy_project

from sphinx_kb.cli import main
from sphinx_kb.config import KBConfig, validated


def sphinx_build(src: Path, *overrides: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(src / "_out")]
    for override in overrides:
        command += ["-D", override]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "override,message",
    [
        (
            "kb_glossary_autolink=bogus",
            "kb_glossary_autolink = 'bogus' is not allowed; use one of 'first-per-page', "
            "'first-per-section', 'every', 'off'",
        ),
        (
            "kb_undeclared_tags=errror",
            "kb_undeclared_tags = 'errror' is not allowed; use one of 'allow', 'warn', 'error'",
        ),
        (
            "kb_pdf_grouping=tags",
            "kb_pdf_grouping = 'tags' is not allowed; use one of 'date', 'tag'",
        ),
        (
            "kb_listing_page_size=0",
            "kb_listing_page_size = 0 is not allowed; use a whole number of at least 1",
        ),
    ],
)
def test_a_wrong_value_stops_the_build_with_one_clear_error(
    tmp_path: Path, override: str, message: str
) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    done = sphinx_build(src, override)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert not (src / "_out" / "index.html").exists()


def test_right_values_build(tmp_path: Path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    done = sphinx_build(src, "kb_glossary_autolink=every", "kb_listing_page_size=3")
    assert done.returncode == 0, done.stderr


def test_conf_py_lists_are_accepted_where_a_tuple_is_declared() -> None:
    config = validated({"glossary_exclude": ["Cancer", "T cell"]})
    assert config.glossary_exclude == ("Cancer", "T cell")
    assert validated({"glossary_exclude": "Cancer"}).glossary_exclude == ("Cancer",)
    assert validated({}) == KBConfig()


@pytest.mark.parametrize(
    "values,wrong",
    [
        ({"articles_dir": 42}, "kb_articles_dir = 42 is not allowed; use a string"),
        ({"related_count": True}, "kb_related_count = True is not allowed"),
        ({"glossary_exclude": [1]}, "kb_glossary_exclude = [1] is not allowed"),
        ({"fast_paths": "no"}, "kb_fast_paths = 'no' is not allowed; use True or False"),
    ],
)
def test_wrong_types_are_refused(values: dict[str, object], wrong: str) -> None:
    with pytest.raises(ValueError, match=wrong.replace("[", r"\[").replace("]", r"\]")):
        validated(values)


def test_kb_check_says_the_same_and_exits_2(tmp_path: Path, capsys) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nkb_articles_dir = 42\n")
    assert main(["check", str(src)]) == 2
    err = capsys.readouterr().err
    assert "kb_articles_dir = 42 is not allowed; use a string" in err
