"""Building a project and reading the HTML it wrote (shared by the glossary tests)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from kbtest import build_project
from sphinx.testing.util import SphinxTestApp


@dataclass
class Built:
    app: SphinxTestApp
    status: str
    warnings: str

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)

    def page(self, docname: str) -> BeautifulSoup:
        return parse(self.outdir, docname)


def build(
    srcdir: Path, builddir: Path | None = None, buildername: str = "html", **confoverrides: Any
) -> Built:
    """A real build of ``srcdir`` (incremental when ``builddir`` already holds one)."""
    return Built(
        *build_project(srcdir, builddir or srcdir / "_build", buildername, **confoverrides)
    )


def parse(outdir: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / f"{docname}.html").read_text(encoding="utf-8"), "lxml")


def body(page: BeautifulSoup) -> Tag:
    article = page.select_one("article")
    assert article is not None, "furo puts the page body in <article>"
    return article


def term_links(page: BeautifulSoup, auto_only: bool = False) -> list[tuple[str, str]]:
    """(link text, glossary anchor) for every term link in the page body, in order."""
    found = []
    for link in body(page).select("a.reference"):
        term = link.select_one("span.std-term")
        if term is None:
            continue
        if auto_only and "kb-term-link" not in link.get("class", []):
            continue
        found.append((term.get_text(), str(link["href"]).rpartition("#")[2]))
    return found


def used_in(page: BeautifulSoup) -> dict[str, list[str]]:
    """Glossary page: first term anchor of each entry -> titles in its "Used in" line."""
    result: dict[str, list[str]] = {}
    for definition in page.select("dl.glossary > dd"):
        first = definition.find_previous_sibling("dt")
        while first.find_previous_sibling() is not None and (
            first.find_previous_sibling().name == "dt"
        ):
            first = first.find_previous_sibling()
        line = definition.select_one("p.kb-used-in")
        result[str(first["id"])] = [a.get_text() for a in line.select("a")] if line else []
    return result


def tip_of(link: Tag) -> Tag:
    """The tooltip that describes a term link (``aria-describedby``), its sibling."""
    tip = link.parent.find(id=link["aria-describedby"])
    assert tip is not None and tip.parent is link.parent, link
    return tip


def text_without_tips(tag: Tag) -> str:
    """The text a reader sees in ``tag`` (hover tips left out)."""
    copy = BeautifulSoup(str(tag), "lxml")
    for tip in copy.select(".kb-term-tip"):
        tip.decompose()
    return copy.get_text()
