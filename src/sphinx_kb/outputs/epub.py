"""The e-book: valid for EPUBCheck, articles read in a row, a cover.

Sphinx's EPUB 3 builder is subclassed in one place (``KBEpubBuilder``) for
what its settings cannot do:

* The NCX names the book by ``epub_uid`` (an XML id such as "unknown") where
  the package names it by ``epub_identifier``; EPUBCheck reports NCX-001.
  Upstream: https://github.com/sphinx-doc/sphinx/issues/11184 (open).
* The reading order is the home toctree's, which puts listing pages (tag
  pages, archive years) between articles.  Here the home page comes first, then
  every article in the book's order, then the other pages (the glossary), then
  the listings; the table of contents follows the same order.
* The cover image gets EPUB 3's ``cover-image`` property in the manifest
  (Sphinx writes only EPUB 2's ``<meta name="cover">``).

If Sphinx's builder no longer has the methods overridden here, the stock
builder is left in place (tests/latex/test_epub.py has the canary).  The rest
is settings, filled in at ``config-inited`` only where conf.py left Sphinx's
placeholders: a generated SVG cover (``epub_cover``), ``epub_uid``,
``epub_contributor`` and ``epub_description``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.epub3 import Epub3Builder

from ..config import KBConfig
from .booklet import edition_date
from .cover import write_cover

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

COVER_IMAGE = "_static/kb-cover.svg"
COVER_TEMPLATE = "kb-epub-cover.html"
#: Sphinx's own methods this module overrides; without them it stays out of the way.
OVERRIDDEN = ("get_toc", "toc_metadata", "build_content", "handle_finish")
SPHINX_PLACEHOLDER = "unknown"


def reading_order(refnodes: list[dict[str, Any]], kb: KBConfig) -> list[dict[str, Any]]:
    """The home page, the articles, other pages, then listings; levels kept consistent."""
    groups: list[list[dict[str, Any]]] = []
    for node in refnodes:
        if "#" in node["refuri"] and groups:
            groups[-1].append(node)  # a section of the page before
        else:
            groups.append([node])
    articles_dir = kb.articles_dir + "/"
    listings = (kb.tags_dir + "/", kb.archive_dir + "/")

    def rank(index: int) -> int:
        uri = groups[index][0]["refuri"]
        if index == 0:
            return 0
        if uri.startswith(articles_dir):
            return 1
        return 3 if uri.startswith(listings) else 2

    ordered = sorted(range(len(groups)), key=lambda i: (rank(i), i))
    result: list[dict[str, Any]] = []
    for index in ordered:
        group = groups[index]
        # The home page and each article head the contents; a listing keeps its nesting.
        base = group[0]["level"] - 1 if rank(index) < 2 else 0
        for node in group:
            level = node["level"] - base
            previous = result[-1]["level"] if result else 0
            result.append({**node, "level": max(1, min(level, previous + 1))})
    return result


class KBEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder with the book's reading order and a matching NCX."""

    def get_toc(self) -> None:
        super().get_toc()
        self.refnodes = reading_order(self.refnodes, KBConfig.from_sphinx(self.config))

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(self.config.epub_identifier)
        return metadata

    def build_content(self) -> None:
        super().build_content()
        if self.config.epub_cover:
            # Sphinx names the cover the EPUB 2 way only (<meta name="cover">);
            # EPUB 3 reading systems look for the manifest item's cover-image property.
            opf = Path(self.outdir, "content.opf")
            item = re.escape(f'id="{self.make_id(self.config.epub_cover[0])}"')
            text = re.sub(
                rf"(<item {item} [^>]*?)\s*/>",
                r'\1 properties="cover-image" />',
                opf.read_text(encoding="utf-8"),
                count=1,
            )
            opf.write_text(text, encoding="utf-8")

    def handle_finish(self) -> None:
        if tuple(self.config.epub_cover or ())[:1] == (COVER_IMAGE,):
            kb = KBConfig.from_sphinx(self.config)
            edition = f"Edition of {edition_date(self.config)}"
            write_cover(
                Path(self.outdir) / COVER_IMAGE, self.config.epub_title, kb.description, edition
            )
        super().handle_finish()


def configure(app: Sphinx, config: Config) -> None:
    kb = KBConfig.from_sphinx(config)
    if not config.epub_cover:
        config.epub_cover = (COVER_IMAGE, COVER_TEMPLATE)
    if config.epub_uid == SPHINX_PLACEHOLDER:
        config.epub_uid = "bookid"  # the package's id for its identifier
    if config.epub_contributor == SPHINX_PLACEHOLDER:
        config.epub_contributor = config.epub_publisher or config.author
    if config.epub_description == SPHINX_PLACEHOLDER and kb.description:
        config.epub_description = kb.description


def setup(app: Sphinx) -> None:
    app.connect("config-inited", configure)
    if all(callable(getattr(Epub3Builder, name, None)) for name in OVERRIDDEN):
        app.add_builder(KBEpubBuilder, override=True)
