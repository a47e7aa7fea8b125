"""Real builds of the book (LaTeX + latexmk) and the e-book for the tests in this folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kbtest import copy_project as copy_sources
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[2]
ROOTS = REPO / "tests" / "roots"
#: Printed as it is on the fixture book's title page, whatever LaTeX makes of these.
HOSTILE_DISCLAIMER = r"Not advice: 100% & {x} $5 #1 ~a^b_c \end{document} \input{/etc/passwd}"


def sphinx(srcdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx`` in ``srcdir``, as ``make`` and Read the Docs run it."""
    env = {**os.environ, "LATEXMKOPTS": "-interaction=nonstopmode"}
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *args],
        cwd=srcdir,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )


@dataclass(frozen=True)
class Book:
    """A built PDF and what the tests read from it."""

    result: subprocess.CompletedProcess[str]
    srcdir: Path
    latexdir: Path
    name: str

    @property
    def pdf(self) -> Path:
        return self.latexdir / f"{self.name}.pdf"

    @property
    def log(self) -> str:
        return (self.latexdir / f"{self.name}.log").read_text(encoding="utf-8", errors="replace")

    @property
    def tex(self) -> str:
        return (self.latexdir / f"{self.name}.tex").read_text(encoding="utf-8")

    def text(self) -> str:
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(self.pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout

    def pages(self) -> list[str]:
        """Each page's text, laid out as printed (running head first, footer last)."""
        out = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(self.pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.split("\f")[:-1]

    def outline(self) -> list[tuple[int, str]]:
        """The PDF's bookmarks as (depth, title): parts 0, chapters 1, sections 2."""
        found: list[tuple[int, str]] = []

        def walk(items: list[object], depth: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                else:
                    title = norm(str(item.title))  # type: ignore[attr-defined]
                    if depth == 0:
                        title = re.sub(r"^[IVXLC]+ ", "", title)  # "II Reference"
                    found.append((depth, title))

        walk(PdfReader(self.pdf).outline, 0)
        return found


def build_pdf(source: Path, workdir: Path, name: str, *options: str) -> Book:
    """Copy a project into ``workdir`` and run ``python -m sphinx -M latexpdf`` on it."""
    srcdir = copy_sources(source, workdir / "src")
    result = sphinx(srcdir, "-M", "latexpdf", ".", str(workdir / "build"), *options)
    return Book(result, srcdir, workdir / "build" / "latex", name)


def norm(text: str) -> str:
    """Compare text as printed: NFC, straight apostrophes, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip()


def pdf_page_png(pdf: Path, page: int, dest: Path) -> Path:
    """Render one page at 60 dpi (for looking at; the tests only check it renders)."""
    prefix = dest / f"page-{page}"
    pages = ["-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", *pages, str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    return prefix.with_suffix(".png")
