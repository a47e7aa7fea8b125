"""The whole bad-input corpus goes through a real Sphinx build without crashing.

Every article of tests/fixtures/bad/ is put into one project and built.  A file
whose front matter cannot be read still becomes a page, titled after its file
name, without the unreadable YAML shown as text.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.application import Sphinx

TESTS = Path(__file__).resolve().parents[1]
BAD = TESTS / "fixtures" / "bad"
BASE = TESTS / "roots" / "test-hostile-check"
#: Not articles (they replace the glossary, the vocabulary, or are a stray page).
NOT_ARTICLES = {"glossary-duplicates.md", "page-not-in-toctree.md"}
#: Sphinx reads only UTF-8 text; these are named in a warning and left out.
NOT_TEXT = {"binary.md", "cp1252.md", "utf16.md"}
READ_AS_WRITTEN = {
    "yaml-1-1-words.md": "No",
    "double-bom.md": "Two byte order marks",
    "leading-blank-line.md": "A blank line first",
    "duplicate-key.md": "Second title",
    "invisible-title.md": "invisible title",
}
BROKEN_FRONT_MATTER = {
    "yaml-alias-bomb.md": "yaml alias bomb",
    "yaml-colon-in-title.md": "yaml colon in title",
    "yaml-python-tag.md": "yaml python tag",
    "yaml-tab-indent.md": "yaml tab indent",
    "toml-invalid.md": "toml invalid",
}


def test_the_corpus_builds_and_broken_front_matter_is_not_shown(tmp_path: Path) -> None:
    project = Path(shutil.copytree(BASE, tmp_path / "kb"))
    articles = sorted(p.name for p in BAD.glob("*.md") if p.name not in NOT_ARTICLES)
    for name in articles:
        shutil.copyfile(BAD / name, project / "docs/articles" / name)
    warnings = io.StringIO()
    app = Sphinx(
        project,
        project,
        tmp_path / "html",
        tmp_path / "doctrees",
        "html",
        status=None,
        warning=warnings,
        freshenv=True,
    )
    app.build()
    assert app.statuscode == 0
    # Files that are not UTF-8 text are named, and the build goes on.
    log = warnings.getvalue()
    assert "binary.md:1: WARNING: file looks binary (it contains NUL bytes); left out" in log
    assert "cp1252.md:8: WARNING: not valid UTF-8 text; left out of the build" in log
    # The words kb check uses for the same file (tests/hostile/test_bad_corpus.py).
    assert "utf16.md:1: WARNING: file is UTF-16 text, not UTF-8; left out of the build" in log
    out = tmp_path / "html" / "docs" / "articles"
    for name in articles:
        if name in NOT_TEXT:
            continue
        assert (out / name.replace(".md", ".html")).is_file(), name
    # A date that is no day stays text: the rest of the front matter is kept.
    dated = BeautifulSoup((out / "yaml-impossible-date.html").read_text("utf-8"), "lxml")
    assert dated.find("article").find("h1").get_text().rstrip("¶") == "February the thirtieth"
    assert "yaml-impossible-date.md:3: WARNING: date '2021-02-30' is not a date" in log
    # Front matter the build once lost, read as written (issue 19, holes 9 and 10).
    for name, title in READ_AS_WRITTEN.items():
        page = BeautifulSoup((out / name.replace(".md", ".html")).read_text("utf-8"), "lxml")
        assert page.find("article").find("h1").get_text().rstrip("¶") == title, name
    assert "duplicate-key.md:6: WARNING: key 'title' is given twice; the later value" in log
    assert "leading-blank-line.md:2: WARNING: blank lines before the front matter's" in log
    assert "invisible-title.md:2: ERROR: title has no visible characters" in log
    for name, title in BROKEN_FRONT_MATTER.items():
        page = BeautifulSoup((out / name.replace(".md", ".html")).read_text("utf-8"), "lxml")
        article = page.find("article")
        assert article.find("h1").get_text().rstrip("¶") == title
        assert article.find("h2") is None, name  # the closing "---" made the YAML an H2
        text = article.get_text()
        assert "date:" not in text and "title:" not in text and "title =" not in text, name
