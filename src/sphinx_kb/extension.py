"""Wiring: each stage of the pipeline registers its own nodes, directives and events."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, articles, environment, glossary, listings, nodes, outputs, speed, tags
from .config import KBConfig

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PACKAGE = Path(__file__).parent


def add_package_paths(app: Sphinx, config: Config) -> None:
    """The package's own templates and static files, after the project's."""
    templates = str(PACKAGE / "templates")
    if templates not in config.templates_path:
        config.templates_path.append(templates)
    static = str(PACKAGE / "static")
    if static not in config.html_static_path:
        config.html_static_path.append(static)


def setup(app: Sphinx) -> dict[str, Any]:
    KBConfig.register(app)
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    app.setup_extension("sphinx_tags")
    # The pipeline's order: an article is read, tagged, listed, linked to the
    # glossary, then written; registration order decides ties between handlers.
    for stage in (nodes, environment, articles, tags, listings, glossary, outputs, speed):
        stage.setup(app)
    app.connect("config-inited", add_package_paths)
    app.add_css_file("sphinx-kb.css")
    return {
        "version": __version__,
        "env_version": 8,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
