"""Input that used to crash a build or to give an empty page without a word (issue 19,
hole 10): one message each, in the build and in ``kb check``, and the build goes on."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

from kbtest import ROOTS, build_project, copy_project, soup

from sphinx_kb.cli import main
from sphinx_kb.tags.vocabulary import MAX_SLUG_BYTES, base_slug

LISTINGS = """

```{article-list}
:month: 13
```

```{article-list}
:year: 24
```

```{article-list}
:tag: no-such-tagg
```
"""


def check(project: Path) -> tuple[int, list[tuple[str, int | None, str, str]]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["check", str(project), "--format", "json"])
    problems = json.loads(out.getvalue())["problems"]
    return status, [(p["path"], p["line"], p["level"], p["message"]) for p in problems]


def test_a_3000_character_tag_gets_a_page_with_a_short_stable_name(tmp_path: Path) -> None:
    project = copy_project(ROOTS / "test-kb", tmp_path / "kb")
    tag = "word " * 600
    article = project / "docs" / "articles" / "alpha.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("tags:\n", f"tags:\n  - {tag.strip()}\n", 1), encoding="utf-8")
    assert tag.strip() in article.read_text(encoding="utf-8")
    app, _status, warnings = build_project(project, tmp_path / "build")
    assert "File name too long" not in warnings
    assert app.statuscode == 0
    slug = base_slug(tag.strip().casefold())
    assert len(slug.encode("utf-8")) <= MAX_SLUG_BYTES
    assert slug == base_slug(tag.strip().casefold())  # the same in every build
    page = app.outdir / "docs" / "tags" / f"{slug}.html"
    assert page.is_file()
    assert "word word" in soup(page).find("h1").get_text()


def test_impossible_listing_filters_are_reported_by_the_build_and_kb_check(
    tmp_path: Path,
) -> None:
    project = copy_project(ROOTS / "test-kb", tmp_path / "kb")
    manual = project / "docs" / "manual.md"
    start = len(manual.read_text(encoding="utf-8").split("\n"))
    manual.write_text(manual.read_text(encoding="utf-8") + LISTINGS, encoding="utf-8")
    month, year, tag = start + 2, start + 6, start + 10  # the lines of each listing
    _app, _status, warnings = build_project(project, tmp_path / "build")
    assert f"manual.md:{month + 1}: WARNING: 'article-list': Invalid option value for 'month'" in (
        warnings
    )
    assert "month 13 is not a month (1 to 12)" in warnings
    assert f"manual.md:{year + 1}: WARNING: 'article-list': Invalid option value for 'year'" in (
        warnings
    )
    assert (
        f"manual.md:{tag}: WARNING: {{article-list}} tag 'no-such-tagg' is neither declared "
        "nor used by any page: the list is empty"
    ) in warnings
    _status_code, problems = check(project)
    listing = [p for p in problems if p[0] == "docs/manual.md"]
    assert listing == [
        (
            "docs/manual.md",
            month + 1,
            "warning",
            "{article-list} option 'month': month 13 is not a month (1 to 12); "
            "the build ignores the option",
        ),
        (
            "docs/manual.md",
            year + 1,
            "warning",
            "{article-list} option 'year': year '24' is not a year (four digits, like 2024); "
            "the build ignores the option",
        ),
        (
            "docs/manual.md",
            tag,
            "warning",
            "{article-list} tag 'no-such-tagg' is neither declared nor used by any page: "
            "the list is empty",
        ),
    ]


def test_a_missing_vocabulary_and_articles_folder_are_reported(tmp_path: Path) -> None:
    project = copy_project(ROOTS / "test-kb", tmp_path / "kb")
    (project / "docs" / "tags.yml").unlink()
    conf = project / "conf.py"
    conf.write_text(conf.read_text() + 'kb_articles_dir = "docs/posts"\n', encoding="utf-8")
    _app, _status, warnings = build_project(project, tmp_path / "build")
    vocabulary = (
        "the tag vocabulary file does not exist: every tag counts as undeclared (create it, "
        'or set kb_tag_vocabulary = "" to go without one)'
    )
    articles = "the articles folder docs/posts does not exist (kb_articles_dir): the site has no"
    # Located at the file itself (Sphinx's "path:" form), never "tags.yml.rst".
    assert f"{project / 'docs' / 'tags.yml'}:: WARNING: {vocabulary}" in warnings
    assert f"{project / 'docs' / 'posts'}:: WARNING: {articles}" in warnings
    assert ".yml.rst" not in warnings
    _status_code, problems = check(project)
    assert ("docs/tags.yml", None, "warning", vocabulary) in problems
    assert ("docs/posts", None, "warning", articles + " articles") in problems
