"""The bad-input corpus (tests/fixtures/bad/): the exact problem ``kb check`` reports for each.

Each file is dropped into a copy of a clean fixture project (tests/roots/test-hostile-check)
and checked with ``kb check --format json``; the problems reported for it must be
exactly the ones in the table, with their lines.  The two huge inputs are generated
here rather than committed.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sphinx_kb.articles.frontmatter import MAX_FILE_BYTES, MAX_FRONT_MATTER_CHARS
from sphinx_kb.cli import main

TESTS = Path(__file__).resolve().parents[1]
BAD = TESTS / "fixtures" / "bad"
BASE = TESTS / "roots" / "test-hostile-check"
ARTICLES = "docs/articles"


@dataclass(frozen=True)
class Expect:
    code: str
    level: str
    message: str
    line: int | None
    #: Where the problem is reported; default: where the bad file was put.
    path: str = ""


#: Where a corpus file goes in the project when it is not an article.
DESTINATION = {
    "glossary-duplicates.md": "docs/glossary.md",
    "tags-broken.yml": "docs/tags.yml",
    "tags-alias-bomb.yml": "docs/tags.yml",
    "page-not-in-toctree.md": "docs/stray.md",
}
#: Files that only make sense next to another one (the first of a colliding pair).
COMPANION = {
    "slug-collision-b.md": "slug-collision-a.md",
    "duplicate-title-b.md": "duplicate-title-a.md",
}
GOOD = f"{ARTICLES}/good.md"
UNDECLARED_CANCER = Expect(
    "tag-undeclared", "warning", "tag 'cancer' is not declared in docs/tags.yml", 5, GOOD
)

CASES: dict[str, list[Expect]] = {
    "unclosed-front-matter.md": [
        Expect("front-matter", "error", "front matter opened on line 1 is never closed", 1)
    ],
    "yaml-colon-in-title.md": [
        Expect(
            "front-matter",
            "error",
            "invalid YAML front matter: mapping values are not allowed in this context",
            2,
        )
    ],
    "yaml-unclosed-quote.md": [
        Expect(
            "front-matter", "error", "invalid YAML front matter: found unexpected end of stream", 5
        )
    ],
    "yaml-tab-indent.md": [
        Expect(
            "front-matter",
            "error",
            "invalid YAML front matter: found character that cannot start any token",
            4,
        )
    ],
    "yaml-list.md": [
        Expect(
            "front-matter",
            "error",
            "front matter must be a mapping of keys to values, not a list",
            2,
        )
    ],
    "yaml-scalar.md": [
        Expect(
            "front-matter",
            "error",
            "front matter must be a mapping of keys to values, not a str",
            2,
        )
    ],
    "yaml-alias-bomb.md": [
        Expect(
            "front-matter",
            "error",
            "front matter uses 72 YAML aliases (at most 50 allowed); "
            "refusing a possible alias bomb",
            2,
        )
    ],
    "yaml-python-tag.md": [
        Expect(
            "front-matter",
            "error",
            "invalid YAML front matter: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object/apply:os.system'",
            2,
        )
    ],
    "yaml-impossible-date.md": [
        Expect("date-invalid", "error", "date '2021-02-30' is not a date I can read", 3)
    ],
    "yaml-unhashable-key.md": [
        Expect("front-matter", "error", "invalid YAML front matter: found unhashable key", 3)
    ],
    "yaml-deep-nesting.md": [
        Expect("front-matter", "error", "front matter is nested more than 32 levels deep", 2)
    ],
    "toml-invalid.md": [
        Expect("front-matter", "error", "invalid TOML front matter: Unclosed array", 2)
    ],
    "date-unreadable.md": [
        Expect("date-invalid", "error", "date 'next Tuesday' is not a date I can read", 3)
    ],
    "no-title.md": [Expect("title-missing", "error", "no title in the front matter", 1)],
    "title-not-text.md": [Expect("title-invalid", "error", "title is not text", 2)],
    "no-description-no-date.md": [
        Expect("date-missing", "warning", "no date in the front matter", 1),
        Expect("description-missing", "warning", "no description in the front matter", 1),
    ],
    "undeclared-tag.md": [
        Expect("tag-undeclared", "warning", "tag 'homeopathy' is not declared in docs/tags.yml", 5)
    ],
    "tags-mapping.md": [
        Expect(
            "tag-invalid",
            "warning",
            "tags must be a list or a comma-separated string, not a mapping",
            5,
        )
    ],
    "tags-colliding-slugs.md": [
        Expect("tag-undeclared", "warning", "tag 'side effects' is not declared", 5),
        Expect("tag-undeclared", "warning", "tag 'side-effects' is not declared", 5),
        Expect(
            "tag-slug-collision",
            "warning",
            "tags 'side effects' and 'side-effects' both make the page name 'side-effects'; "
            "'side-effects' uses 'side-effects-2'",
            None,
            "docs/tags.yml",
        ),
    ],
    # What the build says (it leaves the file out), not how kb import would read it.
    "cp1252.md": [
        Expect(
            "encoding",
            "warning",
            "not valid UTF-8 text; the build leaves it out (kb import repairs the encoding)",
            8,
        )
    ],
    "bom.md": [Expect("bom", "info", "file starts with a UTF-8 byte-order mark", 1)],
    "double-bom.md": [Expect("bom", "info", "file starts with a UTF-8 byte-order mark", 1)],
    "utf16.md": [
        Expect(
            "encoding",
            "warning",
            "file is UTF-16 text, not UTF-8; the build leaves it out (kb import repairs the "
            "encoding)",
            1,
        )
    ],
    "leading-blank-line.md": [
        Expect(
            "front-matter",
            "warning",
            "blank lines before the front matter's opening fence; read anyway",
            2,
        )
    ],
    "duplicate-key.md": [
        Expect("front-matter", "warning", "key 'title' is given twice; the later value is used", 6)
    ],
    "invisible-title.md": [Expect("title-invalid", "error", "title has no visible characters", 2)],
    # YAML 1.1 would read False, 1.1 and 45000; every value stays the text written.
    "yaml-1-1-words.md": [],
    "crlf.md": [Expect("line-ends", "info", "line ends; read as LF", 1)],
    "empty.md": [
        Expect("title-missing", "error", "no title in the front matter", None),
        Expect("date-missing", "warning", "no date in the front matter", None),
        Expect("description-missing", "warning", "no description in the front matter", None),
    ],
    "binary.md": [Expect("read-error", "error", "file looks binary (it contains NUL bytes)", None)],
    "mojibake.md": [
        Expect("mojibake", "warning", "leftover mojibake 'systemâ€™s' (probably 'system’s')", 9)
    ],
    "mojibake-title.md": [
        Expect("mojibake", "warning", "leftover mojibake 'CafÃ©' (probably 'Café')", 2)
    ],
    "hostile-body.md": [
        Expect("raw-html", "warning", "raw HTML <img>: attribute onerror will be removed", 7),
        Expect("raw-html", "warning", "raw HTML <script> will be removed with its content", 9),
        Expect("unsafe-url", "warning", "link to a javascript: URL", 11),
        Expect("raw-html", "warning", "raw HTML <iframe> will be removed", 13),
    ],
    "hostile-title.md": [
        Expect("markup-in-field", "warning", "title \"<script>document.title='PWNED'</script>", 2),
        Expect("markup-in-field", "warning", "contains markup ('onmouseover=')", 4),
    ],
    "slug-collision-b.md": [
        Expect(
            "duplicate-slug",
            "error",
            "slug 'same-slug' is also the slug of docs/articles/slug-collision-a.md",
            3,
        )
    ],
    "duplicate-title-b.md": [
        Expect(
            "duplicate-title",
            "warning",
            "title 'twin TITLE' is also the title of docs/articles/duplicate-title-a.md",
            2,
        )
    ],
    "escaping-slug.md": [
        Expect(
            "slug-escape",
            "error",
            "slug '../../../etc/passwd' would put the page outside the articles folder",
            3,
        )
    ],
    "escaping-paths.md": [
        # Images in the build's own words (issue 19: the check says what the build says).
        Expect(
            "path-escape", "error", "image outside the project removed: ../../../outside.png", 3
        ),
        Expect(
            "path-escape", "error", "image outside the project removed: ../../../../etc/passwd", 8
        ),
        Expect("path-escape", "error", "'../../../README.md' points outside the project", 10),
        Expect(
            "unsafe-read",
            "warning",
            "{include} '../../../../etc/hostname' not read: outside the project; left out",
            12,
        ),
    ],
    "broken-links.md": [
        Expect("link-broken", "error", "link to a page that does not exist: 'missing-page.md'", 7),
        Expect("doc-broken", "error", "{doc} '/docs/nowhere': no such page", 7),
        Expect("ref-broken", "error", "{ref} 'no-such-label': no such label", 9),
        Expect("image-missing", "error", "image 'images/missing-chart.png' does not exist", 9),
    ],
    "undefined-term.md": [
        Expect(
            "term-undefined",
            "error",
            "{term} 'flux capacitor' is not a term of the glossary (docs/glossary.md)",
            7,
        )
    ],
    "glossary-duplicates.md": [
        Expect(
            "term-duplicate", "warning", "glossary term 'Antibody' is already defined on line 4", 10
        ),
        Expect("term-duplicate", "warning", "'antigen' differs from 'Antigen' only in case", 13),
        Expect("term-unused", "info", "glossary term 'Phlogiston' is used by no article", 16),
    ],
    "tags-broken.yml": [
        Expect(
            "vocabulary",
            "error",
            "invalid YAML tag vocabulary: did not find expected ',' or ']'",
            4,
        ),
        UNDECLARED_CANCER,
    ],
    "tags-alias-bomb.yml": [
        Expect(
            "vocabulary",
            "warning",
            "tag vocabulary uses 73 YAML aliases (at most 50 allowed); "
            "refusing a possible alias bomb",
            1,
        ),
        UNDECLARED_CANCER,
    ],
    "page-not-in-toctree.md": [
        Expect("unreachable", "warning", "page is in no toctree reached from docs/index", None)
    ],
    # Generated by the test (see GENERATED): too big to commit.
    "huge.md": [Expect("read-error", "error", "file is too large", None)],
    "front-matter-huge.md": [Expect("front-matter", "error", "front matter is too large", 1)],
}

GENERATED: dict[str, bytes] = {
    "huge.md": b"---\ntitle: Huge\n---\n" + b"All work and no play. " * (MAX_FILE_BYTES // 20),
    "front-matter-huge.md": (
        "---\ntitle: Big front matter\nnotes: "
        + "x" * (MAX_FRONT_MATTER_CHARS + 10)
        + "\n---\nBody.\n"
    ).encode(),
}


def check_json(project: Path) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["check", str(project), "--format", "json"])
    return status, json.loads(out.getvalue())


def install(name: str, project: Path) -> str:
    dest = DESTINATION.get(name, f"{ARTICLES}/{name}")
    if name in GENERATED:
        (project / dest).write_bytes(GENERATED[name])
    else:
        shutil.copyfile(BAD / name, project / dest)
    if name in COMPANION:
        shutil.copyfile(BAD / COMPANION[name], project / ARTICLES / COMPANION[name])
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BASE, tmp_path / "kb"))


def test_the_corpus_is_big_enough_and_fully_tabled() -> None:
    committed = {p.name for p in BAD.iterdir() if not p.name.startswith(".")}
    assert len(committed) >= 25
    # Every committed file is a case or the companion of one; every case has a file.
    assert committed == (set(CASES) - set(GENERATED)) | set(COMPANION.values())


def test_the_base_project_is_clean(project: Path) -> None:
    status, report = check_json(project)
    assert (status, report["problems"]) == (0, [])


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gives_exactly_its_problems(name: str, project: Path) -> None:
    dest = install(name, project)
    status, report = check_json(project)
    got = sorted(
        (p["path"], p["code"], p["level"], p["line"], p["message"]) for p in report["problems"]
    )
    expected = CASES[name]
    assert len(got) == len(expected), got
    for item in expected:
        where = item.path or dest
        matches = [
            g
            for g in got
            if g[:4] == (where, item.code, item.level, item.line) and item.message in g[4]
        ]
        assert matches, f"{item} not in {got}"
    assert status == (1 if any(e.level == "error" for e in expected) else 0)


def test_the_whole_corpus_at_once_is_checked_quickly(project: Path) -> None:
    articles = [n for n in CASES if n not in DESTINATION]
    for name in articles:
        install(name, project)
    started = time.perf_counter()
    status, report = check_json(project)
    elapsed = time.perf_counter() - started
    assert status == 1
    reported = {p["path"] for p in report["problems"]}
    assert {f"{ARTICLES}/{name}" for name in articles if CASES[name]} <= reported
    assert elapsed < 10
