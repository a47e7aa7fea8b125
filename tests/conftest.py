"""Shared fixtures: real Sphinx builds of fixture projects, parsed HTML, a real browser."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).resolve().parent / "roots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def page(app, docname: str) -> BeautifulSoup:  # noqa: ANN001 - SphinxTestApp
    return soup(Path(app.outdir) / f"{docname}.html")


def warnings_of(app) -> str:  # noqa: ANN001
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def copy_project(source: Path, dest: Path) -> Path:
    """A project's conf.py and docs/ (without generated folders) copied into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "conf.py", dest / "conf.py")
    shutil.copytree(source / "docs", dest / "docs",
                    ignore=shutil.ignore_patterns("tags", "archive"))
    return dest


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
