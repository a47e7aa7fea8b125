"""Articles: front matter read and normalized, the page header, untrusted markup made safe."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from ..node_handlers import INLINE, handlers
    from . import header, sanitize

    time_html = (header.visit_kb_time_html, header.depart_kb_time_html)
    app.add_node(header.kb_time, **handlers(INLINE, html=time_html))
    app.add_node(header.kb_tag_badges, **handlers(INLINE))
    app.add_transform(header.ArticleHeader)
    app.add_transform(sanitize.SanitizeRawHTML)
    app.connect("source-read", header.on_source_read)
