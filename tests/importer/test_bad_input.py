"""Bad input: one clear line per problem, naming the file (and line); the batch goes on."""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_kb.articles.frontmatter import MAX_FILE_BYTES
from sphinx_kb.cli import main

from .conftest import BAD, Run, page

#: file -> the one line ``kb import`` prints for it (``{path}`` is the file).
FAILURES = {
    "invalid-yaml.md": (
        "{path}:4: error: invalid YAML front matter: did not find expected ',' or ']'"
    ),
    "invalid-toml.md": (
        "{path}:3: error: invalid TOML front matter: Invalid value (at line 2, column 8)"
    ),
    "unclosed.md": "{path}:1: error: front matter opened on line 1 is never closed",
    "not-mapping.md": (
        "{path}:2: error: front matter must be a mapping of keys to values, not a list"
    ),
    "empty.md": "{path}: error: file is empty",
    "binary.md": "{path}: error: file looks binary (it contains NUL bytes)",
    "alias-bomb.md": (
        "{path}:2: error: front matter uses 72 YAML aliases (at most 50 allowed); "
        "refusing a possible alias bomb"
    ),
}

UNDATED = (
    "{path}: warning: no date in the front matter, file name, folders or path; "
    "the article is listed as undated"
)
#: file -> (lines printed, the page written)
IMPORTED_WITH_WARNINGS = {
    "bom.md": (["{path}: info: removed a UTF-8 byte order mark", UNDATED], "bom.md"),
    "crlf.md": (["{path}: info: converted CRLF line ends to LF", UNDATED], "crlf.md"),
    "cp1252.md": (
        ["{path}:2: warning: not valid UTF-8; decoded as Windows-1252", UNDATED],
        "cafe.md",
    ),
    "no-front-matter.md": (
        [
            "{path}: warning: no front matter; title 'No front matter' taken from the file name",
            UNDATED,
        ],
        "no-front-matter.md",
    ),
    "no-title.md": (
        [
            "{path}:1: warning: no title in the front matter; using 'Heading As Title' "
            "from the first heading"
        ],
        "heading-as-title.md",
    ),
    "blank-title.md": (
        [
            "{path}:2: warning: the title is blank; using 'Blank title' from the file name",
            UNDATED,
        ],
        "blank-title.md",
    ),
    "bad-tags.md": (
        [
            "{path}:3: warning: empty tag ignored",
            "{path}:3: warning: tag {{'nested': 'map'}} is not a string; ignored",
            "{path}:3: warning: tag '../../escape' looks like a path leaving the tags folder; "
            "dropped",
            UNDATED,
        ],
        "bad-tags.md",
    ),
    "bad-date.md": (
        ["{path}:3: warning: date 'next tuesday' is not a date I can read"],
        "bad-date.md",
    ),
    "escaping-slug.md": (
        [
            "{path}:3: warning: slug '../../etc/passwd' tries to leave the destination folder; "
            "using 'etc-passwd'",
            UNDATED,
        ],
        "etc-passwd.md",
    ),
    "escaping-image.md": (
        [
            "{path}:3: warning: image path '../../secret.png' climbs out with '../'; dropped",
            "{path}:5: warning: image path '../../../secret.png' climbs out with '../'; dropped",
            UNDATED,
        ],
        "escaping-image.md",
    ),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Path]:
    """The whole bad corpus imported in one batch (as a user would)."""

    root = tmp_path_factory.mktemp("bad")
    (root / "docs").mkdir()
    dest = root / "docs" / "articles"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", str(BAD), "--dest", str(dest)])
    return Run(code, out.getvalue(), err.getvalue()), dest


def test_corpus_is_complete() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted([*FAILURES, *IMPORTED_WITH_WARNINGS])


def test_batch_goes_on_and_exits_1(batch: tuple[Run, Path]) -> None:
    run, dest = batch
    assert run.code == 1
    expected = sorted(p for name, (_, p) in IMPORTED_WITH_WARNINGS.items())
    assert sorted(p.name for p in dest.iterdir()) == expected
    assert "failed" in run.out and "7" in run.out


@pytest.mark.parametrize("name", sorted(FAILURES))
def test_failure_line(batch: tuple[Run, Path], name: str) -> None:
    run, _ = batch
    path = BAD / name
    lines = [line for line in run.err_lines if line.startswith(f"{path}:")]
    assert lines == [FAILURES[name].format(path=path)]


@pytest.mark.parametrize("name", sorted(IMPORTED_WITH_WARNINGS))
def test_warning_lines(batch: tuple[Run, Path], name: str) -> None:
    run, dest = batch
    path = BAD / name
    lines = [line for line in run.err_lines if line.startswith(f"{path}:")]
    expected, written = IMPORTED_WITH_WARNINGS[name]
    assert lines == [line.format(path=path) for line in expected]
    assert (dest / written).is_file()


def test_repaired_encodings_read_back(batch: tuple[Run, Path]) -> None:
    _, dest = batch
    front, body = page(dest / "cafe.md")
    assert front["title"] == "Café" and body == "Crème brûlée “quoted”.\n"
    assert not (dest / "crlf.md").read_bytes().count(b"\r")
    assert page(dest / "crlf.md")[1] == "Line one.\n\nLine two.\n"
    assert page(dest / "bom.md")[0]["title"] == "BOM"


def test_bad_values_are_dropped_or_kept_aside(batch: tuple[Run, Path]) -> None:
    _, dest = batch
    assert page(dest / "bad-tags.md")[0]["tags"] == ["good"]
    front = page(dest / "bad-date.md")[0]
    assert "date" not in front and front["original_date"] == "next tuesday"
    front = page(dest / "etc-passwd.md")[0]
    assert front["slug"] == "etc-passwd"
    front, body = page(dest / "escaping-image.md")
    assert "image" not in front and body == "secret\n"
    front, body = page(dest / "heading-as-title.md")
    assert front["title"] == "Heading As Title" and body == "Body text.\n"


def test_single_failure_exit_status(kb: Callable[..., Run], dest: Path) -> None:
    run = kb(BAD / "empty.md", "--dest", dest)
    assert (run.code, run.err) == (1, f"{BAD / 'empty.md'}: error: file is empty\n")


def test_warnings_alone_exit_0(kb: Callable[..., Run], dest: Path) -> None:
    assert kb(BAD / "bad-date.md", BAD / "crlf.md", "--dest", dest).code == 0


def test_very_large_file_is_refused_without_reading_it(
    kb: Callable[..., Run], tmp_path: Path, dest: Path
) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk and no time
    run = kb(big, "--dest", dest)
    assert run.code == 1
    assert run.err == (
        f"{big}: error: file is too large ({MAX_FILE_BYTES + 1:,} bytes; "
        f"the limit is {MAX_FILE_BYTES:,})\n"
    )


def test_alias_bomb_is_refused_fast(kb: Callable[..., Run], tmp_path: Path, dest: Path) -> None:
    # Nine levels of nine-fold aliases: 387 million strings if it were expanded.
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb = tmp_path / "bomb.md"
    bomb.write_text("---\n" + "\n".join(lines) + "\ntitle: x\n---\nbody\n")
    start = time.perf_counter()
    run = kb(bomb, "--dest", dest)
    assert time.perf_counter() - start < 5
    assert run.code == 1
    assert "refusing a possible alias bomb" in run.err
