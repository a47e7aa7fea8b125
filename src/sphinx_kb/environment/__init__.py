"""What the build remembers between pages and between builds: the ``kb`` domain,
cross-references, and the per-build state."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from ..listings.directives import on_env_updated, on_purge_doc
    from .domain import KBDomain
    from .tagged import on_builder_inited, on_doctree_read

    app.add_domain(KBDomain)
    app.connect("builder-inited", on_builder_inited)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-purge-doc", on_purge_doc)
    app.connect("env-updated", on_env_updated)
