"""Builds that can be trusted: incremental equals clean, and ``-j 2`` equals ``-j 1``.

A property-based test applies random sequences of edits to a copy of a small
project (tests/incremental/project): articles added and removed, tags, dates,
titles and bodies changed, glossary terms and mentions added and removed, tag
labels renamed.  After every edit the project is rebuilt incrementally (a new
Sphinx application over the same output and doctree folders, ``freshenv=False``,
as ``sphinx-build`` run again would).  At the end a clean build of the same sources
into fresh folders must give the same HTML, file for file, once volatile parts
(``?v=`` asset hashes) are normalized away.
"""

from __future__ import annotations

import difflib
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sphinx.application import Sphinx

PROJECT = Path(__file__).resolve().parent / "project"
GENERATED = ("docs/tags", "docs/archive")

NAMES = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta")
TITLES = ("Antibodies explained", "T cells at work", "Aardvark facts", "Same title", "Zebra")
DATES = ("", "2021-03-14", "2021-03-20", "2021-03-01", "2022-01-09", "2021-03-14T08:30:00")
TAGS = ("vaccines", "cancer", "cells", "lymphocytes", "new topic", "Vaccines")
BODIES = (
    "Every antibody binds an antigen.",
    "Nothing to link here.",
    "A T cell and an {term}`Antigen`.",
    "Plasma cells make antibodies; a plasma cell lives for weeks.",
    "Line one.\n\n## A section\n\nAn antigen again, and a T cell.",
    "See [the alpha article](alpha.md) and {doc}`beta`.",
)
TERMS = (
    ("Antibody", "A protein that binds an antigen."),
    ("Antigen", "A molecule the immune system recognizes."),
    ("T cell", "A lymphocyte that matures in the thymus."),
    ("Plasma cell", "A B cell that makes antibodies."),
    ("Cytokine", "A signalling protein."),
)
LABELS = ("Vaccines", "Vaccination", "Immune cells", "Cells of the immune system")
DEFINITIONS = ("A protein that binds an antigen.", "Something else entirely. Second sentence.")
DESCRIPTIONS = ("", "How vaccines train the immune system.", "Cells that defend the body.")
LIMITS = (1, 3, 6)
NOTES = "---\norphan: true\n---\n# Notes\n\n```{{tags}} {tags}\n```\n\nTagged notes.\n"


@dataclass
class Article:
    title: str
    date: str
    tags: tuple[str, ...]
    body: str

    def text(self) -> str:
        lines = [f"title: {self.title}"]
        if self.date:
            lines.append(f"date: {self.date}")
        lines.append(f"description: About {self.title.lower()}.")
        if self.tags:
            lines.append("tags: [" + ", ".join(self.tags) + "]")
        return "---\n" + "\n".join(lines) + "\n---\n" + self.body + "\n"


@dataclass
class Model:
    """The project's editable content; files are written from it."""

    articles: dict[str, Article] = field(default_factory=dict)
    terms: list[tuple[str, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    #: Whether "lymphocytes" is declared an alias of "cells".
    alias: bool = False
    limit: int = 3
    #: Tags of an orphan non-article page using sphinx-tags' directive ("" = no page).
    notes: str = ""

    def glossary(self) -> str:
        entries = "\n\n".join(f"{term}\n  {definition}" for term, definition in self.terms)
        return f"# Glossary\n\n```{{glossary}}\n{entries}\n```\n"

    def vocabulary(self) -> str:
        text = ""
        for key, label in self.labels.items():
            text += f"{key}:\n  label: {label}\n"
            if self.descriptions.get(key):
                text += f"  description: {self.descriptions[key]}\n"
            if key == "cells" and self.alias:
                text += "  aliases: [lymphocytes]\n"
        return text

    def index(self, original: str) -> str:
        return original.replace(":limit: 3", f":limit: {self.limit}", 1)


def initial_model() -> Model:
    model = Model(terms=list(TERMS[:3]), labels={"vaccines": "Vaccines", "cells": "Immune cells"})
    model.articles = {
        "alpha": Article("Alpha and antibodies", "2021-03-14", ("vaccines",), BODIES[0]),
        "beta": Article("Beta on T cells", "2021-03-20", ("cells", "cancer"), BODIES[2]),
        "gamma": Article("Gamma, no mentions", "2021-05-02", ("cancer",), BODIES[1]),
        "delta": Article("Delta vaccines", "2022-01-09", ("vaccines", "cells"), BODIES[4]),
        "epsilon": Article("Epsilon undated", "", ("lymphocytes",), BODIES[3]),
        "zeta": Article("Zeta in the same month", "2021-03-01", (), BODIES[0]),
    }
    return model


def write_project(model: Model, root: Path) -> None:
    """Write what differs from the files on disk, and delete removed articles."""
    wanted = {f"docs/articles/{name}.md": a.text() for name, a in model.articles.items()}
    wanted["docs/glossary.md"] = model.glossary()
    wanted["docs/tags.yml"] = model.vocabulary()
    wanted["docs/index.md"] = model.index((PROJECT / "docs/index.md").read_text(encoding="utf-8"))
    notes = root / "docs/notes.md"
    if model.notes:
        wanted["docs/notes.md"] = NOTES.format(tags=model.notes)
    elif notes.exists():
        notes.unlink()
    for path in (root / "docs/articles").glob("*.md"):
        if f"docs/articles/{path.name}" not in wanted:
            path.unlink()
    for rel, text in wanted.items():
        path = root / rel
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


# -- edits ------------------------------------------------------------------------

Edit = tuple[str, ...] | tuple[object, ...]


def apply(model: Model, edit: Edit) -> None:
    kind, *args = edit
    names = sorted(model.articles)
    if kind == "add":
        name, title, date, tags, body = args
        model.articles[NAMES[name]] = Article(TITLES[title], DATES[date], tags, BODIES[body])
    elif not names and kind in ("remove", "tags", "date", "title", "body"):
        return
    elif kind == "remove":
        del model.articles[names[args[0] % len(names)]]
    elif kind == "tags":
        model.articles[names[args[0] % len(names)]].tags = args[1]
    elif kind == "date":
        model.articles[names[args[0] % len(names)]].date = DATES[args[1]]
    elif kind == "title":
        model.articles[names[args[0] % len(names)]].title = TITLES[args[1]]
    elif kind == "body":
        model.articles[names[args[0] % len(names)]].body = BODIES[args[1]]
    elif kind == "add_term":
        term = TERMS[args[0]]
        if term[0] not in {t for t, _d in model.terms}:
            model.terms.append(term)
    elif kind == "remove_term":
        if model.terms:
            del model.terms[args[0] % len(model.terms)]
    elif kind == "label":
        key = ("vaccines", "cells")[args[0]]
        model.labels[key] = LABELS[args[1]]
    elif kind == "describe":
        model.descriptions[("vaccines", "cells")[args[0]]] = DESCRIPTIONS[args[1]]
    elif kind == "alias":
        model.alias = not model.alias
    elif kind == "define":
        if model.terms:
            index = args[0] % len(model.terms)
            model.terms[index] = (model.terms[index][0], DEFINITIONS[args[1]])
    elif kind == "limit":
        model.limit = LIMITS[args[0]]
    elif kind == "notes":
        model.notes = ", ".join(args[0])


def _index(pool: tuple[object, ...]) -> st.SearchStrategy[int]:
    return st.integers(0, len(pool) - 1)


TAG_SETS = st.lists(st.sampled_from(TAGS), max_size=3, unique=True).map(tuple)
EDITS = st.one_of(
    st.tuples(
        st.just("add"), _index(NAMES), _index(TITLES), _index(DATES), TAG_SETS, _index(BODIES)
    ),
    st.tuples(st.just("remove"), st.integers(0, 7)),
    st.tuples(st.just("tags"), st.integers(0, 7), TAG_SETS),
    st.tuples(st.just("date"), st.integers(0, 7), _index(DATES)),
    st.tuples(st.just("title"), st.integers(0, 7), _index(TITLES)),
    st.tuples(st.just("body"), st.integers(0, 7), _index(BODIES)),
    st.tuples(st.just("add_term"), _index(TERMS)),
    st.tuples(st.just("remove_term"), st.integers(0, 4)),
    st.tuples(st.just("label"), st.integers(0, 1), _index(LABELS)),
    st.tuples(st.just("describe"), st.integers(0, 1), _index(DESCRIPTIONS)),
    st.tuples(st.just("alias")),
    st.tuples(st.just("define"), st.integers(0, 4), _index(DEFINITIONS)),
    st.tuples(st.just("limit"), _index(LIMITS)),
    st.tuples(st.just("notes"), TAG_SETS),
)


# -- building and comparing -----------------------------------------------------------


def build(src: Path, out: Path, doctrees: Path, *, fresh: bool, parallel: int = 1) -> None:
    status = io.StringIO()
    app = Sphinx(
        src,
        src,
        out,
        doctrees,
        "html",
        status=status,
        warning=io.StringIO(),
        freshenv=fresh,
        parallel=parallel,
    )
    app.build()
    assert app.statuscode == 0
    if not fresh:
        # Really incremental: the environment was loaded and only changes re-read (a
        # dropped environment says "[new config]", changed env settings "[config changed").
        log = re.sub(r"\x1b\[[0-9;]*m", "", status.getvalue())
        assert "updating environment: " in log
        assert "[new config]" not in log and "[config changed" not in log, log


_VERSION = re.compile(r"\?v=[0-9a-f]+")


def normalized(path: Path) -> str:
    """The page parsed and printed one tag per line, without asset version hashes."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    for element in soup.find_all(["link", "script", "img"]):
        for attribute in ("href", "src"):
            if element.has_attr(attribute):
                element[attribute] = _VERSION.sub("", element[attribute])
    return soup.prettify()


def site(outdir: Path) -> dict[str, str]:
    pages = {str(p.relative_to(outdir)): normalized(p) for p in sorted(outdir.rglob("*.html"))}
    for name in ("feed.xml", "sitemap.xml"):
        if (outdir / name).exists():
            pages[name] = (outdir / name).read_text(encoding="utf-8")
    # The search index, byte for byte (its files are named after their content).
    for path in sorted((outdir / "_kbsearch").rglob("*")):
        if path.is_file():
            pages[str(path.relative_to(outdir))] = path.read_bytes().hex()
    return pages


def differences(incremental: dict[str, str], clean: dict[str, str]) -> str:
    """A readable account of what differs ("" when nothing does)."""
    report = []
    if set(incremental) != set(clean):
        only_inc = sorted(set(incremental) - set(clean))
        only_clean = sorted(set(clean) - set(incremental))
        report.append(f"only incremental: {only_inc}; only clean: {only_clean}")
    for name in sorted(set(incremental) & set(clean)):
        if incremental[name] != clean[name]:
            diff = difflib.unified_diff(
                clean[name].splitlines(),
                incremental[name].splitlines(),
                "clean/" + name,
                "incremental/" + name,
                n=2,
                lineterm="",
            )
            report.append("\n".join(list(diff)[:40]))
    return "\n".join(report)


def copy_sources(src: Path, dest: Path) -> None:
    """conf.py and docs/ without the generated folders: what a fresh checkout has."""
    shutil.copytree(
        src,
        dest,
        ignore=lambda folder, names: [
            n
            for n in names
            if n == "_build" or Path(folder, n).relative_to(src).as_posix() in GENERATED
        ],
    )


@dataclass(frozen=True)
class Template:
    """A built project kept aside; every example starts from a copy of it in ``work``."""

    base: Path
    work: Path
    snapshot: Path


@pytest.fixture(scope="module")
def template() -> Iterator[Template]:
    base = Path(tempfile.mkdtemp(prefix="kb-incremental-"))
    work = base / "work"
    copy_sources(PROJECT, work)
    write_project(initial_model(), work)
    # Sphinx drops a pickled environment whose source folder moved, so every example
    # runs in the same folder (``work``), restored from this snapshot each time.
    build(work, work / "_build/html", work / "_build/doctrees", fresh=True)
    snapshot = base / "snapshot"
    shutil.copytree(work, snapshot)  # copy2: modification times are kept
    try:
        yield Template(base, work, snapshot)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(edits=st.lists(EDITS, min_size=1, max_size=4))
# Found by this test: a page linking to an article that is then removed kept its
# link (and one linking to an article added later kept the broken one), because
# Sphinx re-reads a page only when its own file or a dependency changes.
@example(edits=[("body", 4, 5), ("remove", 0)])
@example(edits=[("remove", 0), ("body", 3, 5), ("add", 0, 0, 1, (), 0)])
def test_incremental_build_equals_clean_build(template: Template, edits: list[Edit]) -> None:
    work = template.work
    shutil.rmtree(work)
    shutil.copytree(template.snapshot, work)
    model = initial_model()
    for edit in edits:
        apply(model, edit)
        write_project(model, work)
        build(work, work / "_build/html", work / "_build/doctrees", fresh=False)
    clean = template.base / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    copy_sources(work, clean)
    build(clean, clean / "_build/html", clean / "_build/doctrees", fresh=True)
    found = differences(site(work / "_build/html"), site(clean / "_build/html"))
    assert found == "", f"after {edits}:\n{found}"


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    results = {}
    for jobs in (1, 2):
        src = tmp_path / f"j{jobs}"
        copy_sources(PROJECT, src)
        write_project(initial_model(), src)
        build(src, src / "_build/html", src / "_build/doctrees", fresh=True, parallel=jobs)
        results[jobs] = site(src / "_build/html")
    assert len(results[1]) > 20
    assert differences(results[2], results[1]) == ""
    # Then incremental -j 2 builds (the search index made again from the pages on
    # disk) against a clean -j 1 build of the same sources.
    model = initial_model()
    src = tmp_path / "j2"
    for edit in [("body", 2, 1), ("title", 5, 2), ("remove", 1), ("add_term", 0)]:
        apply(model, edit)
        write_project(model, src)
        build(src, src / "_build/html", src / "_build/doctrees", fresh=False, parallel=2)
    clean = tmp_path / "clean"
    copy_sources(src, clean)
    build(clean, clean / "_build/html", clean / "_build/doctrees", fresh=True)
    found = differences(site(src / "_build/html"), site(clean / "_build/html"))
    assert found == "", found


def test_the_comparison_sees_a_real_difference(tmp_path: Path) -> None:
    # Control: two builds that differ by one article title must not compare equal.
    sites = []
    for title in ("Alpha and antibodies", "Alpha renamed"):
        src = tmp_path / title.replace(" ", "-")
        copy_sources(PROJECT, src)
        model = initial_model()
        model.articles["alpha"].title = title
        write_project(model, src)
        build(src, src / "_build/html", src / "_build/doctrees", fresh=True)
        sites.append(site(src / "_build/html"))
    found = differences(sites[0], sites[1])
    assert "docs/articles/alpha.html" in found and "Alpha renamed" in found
