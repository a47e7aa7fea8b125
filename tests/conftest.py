"""Fixtures for the top-level tests: fixture projects root and a real headless Chromium."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import pytest
from kbtest import CHROMIUM, CHROMIUM_ARGS, ROOTS

#: Deprecations other packages trigger (not ours to change), by the module that warns.
#: sphinx-tags 0.4, sphinx-sitemap 2.9 and myst-parser 5.2 use ``env.app``.
_THEIR_DEPRECATIONS = {
    "RemovedInSphinx11Warning": ("sphinx_tags", "sphinx_sitemap", "myst_parser.*"),
}


def pytest_configure(config: pytest.Config) -> None:
    """Ignore those warnings for the classes this Sphinx release has: naming one it
    lacks in pyproject.toml would stop pytest starting (the lowest/newest matrix)."""
    import sphinx.deprecation

    for name, modules in _THEIR_DEPRECATIONS.items():
        if hasattr(sphinx.deprecation, name):
            for module in modules:
                config.addinivalue_line(
                    "filterwarnings", f"ignore::sphinx.deprecation.{name}:{module}"
                )


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(autouse=True)
def _stop_lingering_processes() -> Iterator[None]:
    """Stop what a test's builds left running: sphinx-sitemap starts a
    ``multiprocessing.Manager`` server per build, alive as long as its app.  A
    forked server also holds every pipe this process had open, the browser
    driver's among them, so the driver would never see its end of session."""
    yield
    for process in multiprocessing.active_children():
        process.terminate()
        process.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium (never a downloaded one), shared by every browser test."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
