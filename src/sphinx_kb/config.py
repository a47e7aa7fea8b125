"""All ``kb_*`` settings in one typed object.

Each field of :class:`KBConfig` is registered with Sphinx as ``kb_<field>``; read
them back with ``KBConfig.from_sphinx(app.config)``.  Defaults suit the layout of
this repository (content under ``docs/``).
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

Policy = Literal["allow", "warn", "error"]
AutolinkMode = Literal["first-per-page", "first-per-section", "every", "off"]


@dataclass(frozen=True)
class KBConfig:
    #: Folder (relative to the source directory) holding one page per article.
    articles_dir: str = "docs/articles"
    #: Folder where tag pages are generated (never edit or commit it).
    tags_dir: str = "docs/tags"
    #: Folder where archive pages are generated (never edit or commit it).
    archive_dir: str = "docs/archive"
    #: Declared tag vocabulary (YAML); empty string for none.
    tag_vocabulary: str = "docs/tags.yml"
    #: What an undeclared tag does: allow, warn or error.
    undeclared_tags: Policy = "warn"
    #: The glossary page (docname).
    glossary_doc: str = "docs/glossary"
    #: Which mentions of glossary terms become links.
    glossary_autolink: AutolinkMode = "first-per-page"
    #: Glossary terms never auto-linked: term lines, matched case-insensitively (any
    #: synonym switches off its whole entry).  A list in conf.py is made a tuple.
    glossary_exclude: tuple[str, ...] = ()
    #: Most glossary links in one paragraph (or list item, table cell, caption): a
    #: mention past it stays plain text, and the term is linked at its next eligible
    #: mention.  Keeps a dense paragraph from reading as a row of links; 0: no limit.
    glossary_max_links: int = 1
    #: Most articles listed under a glossary entry ("Used in"), newest first; the rest
    #: are counted ("and 12 more").  0 lists them all.
    glossary_backlinks_limit: int = 20
    #: Reading speed used for the reading time.
    words_per_minute: int = 200
    #: Number of related articles shown on an article page.
    related_count: int = 5
    #: Longest listing page; longer archive months are split into pages.
    listing_page_size: int = 50
    #: Articles in the Atom feed.
    feed_length: int = 20
    #: Absolute site address, used for the feed and sitemap (``html_baseurl`` if empty).
    site_url: str = ""
    #: How the PDF groups articles: by "date" (year chapters) or "tag" (first tag).
    pdf_grouping: Literal["date", "tag"] = "date"
    #: How ``-j N`` writes HTML: "batches" (each worker resolves, indexes and writes
    #: whole batches) or "sphinx" (Sphinx's own: the main process resolves every page).
    parallel_write: Literal["batches", "sphinx"] = field(
        default="batches",
        metadata={"rebuild": ""},  # the same site either way
    )

    @classmethod
    def register(cls, app: Sphinx) -> None:
        for item in fields(cls):
            default = item.default if item.default is not MISSING else None
            rebuild = item.metadata.get("rebuild", "env")
            app.add_config_value(f"kb_{item.name}", default, rebuild)

    @classmethod
    def from_sphinx(cls, config: Config) -> KBConfig:
        values: dict[str, Any] = {f.name: getattr(config, f"kb_{f.name}") for f in fields(cls)}
        return cls(**values)
