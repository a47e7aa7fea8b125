"""Migrating the fixture sites for real: ``kb import`` into a fresh project, then a Sphinx build."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from sphinx_kb.cli import main

TESTS = Path(__file__).resolve().parent.parent
FIXTURES = TESTS / "fixtures" / "migration"
PROJECT = TESTS / "roots" / "test-migration"


@dataclass
class Migrated:
    """A project a fixture site was imported into."""

    root: Path
    code: int
    out: str
    err: str
    report: dict

    @property
    def articles(self) -> Path:
        return self.root / "docs" / "articles"

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def file(self, source: str) -> dict:
        """The report entry of the source whose path ends with ``source``."""
        return next(f for f in self.report["files"] if f["source"].endswith(source))

    def redirects(self) -> dict:
        return json.loads((self.root / "docs" / "redirects.json").read_text())["redirects"]


@pytest.fixture
def migrate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Migrated]:
    """Import ``SRC`` (below the migration fixtures) into a copy of the test project."""

    def run(*args: str | Path, project: Path | None = None) -> Migrated:
        root = project or tmp_path / "site"
        if project is None:
            shutil.copytree(PROJECT, root)
        report = tmp_path / "report.json"
        capsys.readouterr()
        words = [str(a) for a in args]
        code = main(["import", *words, "--report", str(report)])
        captured = capsys.readouterr()
        data = json.loads(report.read_text()) if report.exists() else {}
        return Migrated(root, code, captured.out, captured.err, data)

    return run


def warnings_of(app) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if line.strip()]


def broken_links(outdir: Path) -> list[str]:
    """Every internal link and image of the built site that leads nowhere (with anchors)."""
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            tree = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
            ids[page] = {tag["id"] for tag in tree.find_all(id=True)}
        return ids[page]

    broken: list[str] = []
    for page in sorted(outdir.rglob("*.html")):
        rel = page.relative_to(outdir).as_posix()
        if rel.startswith(("_static/", "_sources/", "_images/")):
            continue
        tree = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        base = tree.find("base")
        folder = (page.parent / base["href"]) if base is not None else page.parent
        links = [(a.get("href"), "a") for a in tree.find_all("a")]
        links += [(img.get("src"), "img") for img in tree.find_all("img")]
        for href, kind in links:
            if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("//"):
                continue
            parts = urlsplit(href)
            target = (folder / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{rel}: {kind} {href}")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in ids_of(target)
            ):
                broken.append(f"{rel}: {kind} {href} (no such anchor)")
    return broken


def build_cleanly(make_app, root: Path, builder: str = "html") -> Path:
    """Build ``root`` from scratch; no warning, no broken internal link. Returns the output."""
    app = make_app(builder, srcdir=root, freshenv=True)
    app.build()
    assert warnings_of(app) == []
    outdir = Path(app.outdir)
    assert broken_links(outdir) == []
    return outdir
