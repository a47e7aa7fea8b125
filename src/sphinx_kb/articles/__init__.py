"""Articles: front matter read and normalized, the page header, untrusted markup made safe."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from . import confine_directives, fallbacks, header, sanitize, source, unsafe_urls

    confine_directives.setup(app)
    app.add_transform(header.ArticleHeader)
    app.add_transform(sanitize.SanitizeRawHTML)
    app.add_transform(unsafe_urls.RemoveUnsafeURLs)
    app.add_transform(fallbacks.PlainTextFallbacks)
    # Before the front matter is rewritten (``source``): lines are the file's.
    app.connect("source-read", unsafe_urls.on_source_read, priority=400)
    app.connect("source-read", source.on_source_read)
