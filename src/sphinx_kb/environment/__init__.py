"""What the build remembers between pages and between builds: the ``kb`` domain (per-page
data it collects itself), cross-references, and the collector that decides what an
incremental build re-reads and rewrites."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def start_build(app: Sphinx) -> None:
    from .domain import get_domain

    get_domain(app.env).start_build()  # fresh state for every build


def setup(app: Sphinx) -> None:
    from . import interrupted
    from .collector import KBCollector
    from .domain import KBDomain

    app.add_domain(KBDomain)
    app.add_env_collector(KBCollector)
    app.connect("builder-inited", start_build)
    # After start_build: the state it sets belongs to this build.
    app.connect("builder-inited", interrupted.start, priority=510)
    app.connect("build-finished", interrupted.finish, priority=900)
