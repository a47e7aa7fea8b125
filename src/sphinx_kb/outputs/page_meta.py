"""The head and footer of every HTML page: descriptions, sharing tags, dates, icons.

* ``<meta name="description">`` and ``og:description`` on every page: an article's
  front-matter description, else the first paragraph of its body (never the byline);
  a listing page's own introduction (a tag's description), never the scraped text of
  its listings.  sphinxext-opengraph's scraped one is replaced.
* Articles are ``og:type`` "article" with ``article:published_time``,
  ``article:modified_time``, ``article:author`` and one ``article:tag`` per tag.
* The footer's "Last updated" is the article's own date (the latest of published,
  updated and reviewed) in the site's date format; other pages show none, where
  Sphinx would print the build date.
* docutils adds a second viewport meta tag next to the theme's: it is dropped.
* Every page gets the package's icon unless the project set ``html_favicon``.
* Social cards are off unless the project turns them on: sphinxext-opengraph draws
  them with matplotlib (not a dependency: heavy, and slow on thousands of pages),
  and without it prints "matplotlib is not installed" at import, on every build.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..articles import dates
from ..environment.domain import ArticleRecord, get_domain
from ..environment.state import kb_state
from ..internals import opengraph

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

FAVICON = Path(__file__).parents[1] / "static" / "kb-favicon.svg"
#: Longest description written; search engines show about this much.
DESCRIPTION_LENGTH = 200
#: Paragraphs that are not a page's own words: bylines, listings, counts, notes.
_NOT_PROSE = frozenset({"kb-byline", "kb-review", "no-search", "kb-empty"})
_ARTICLE_TYPE = '<meta property="og:type" content="article" />'


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:·—-")
    return cut + "…"


def _prose(node: nodes.Node) -> bool:
    parent = node
    while parent is not None:
        if isinstance(parent, nodes.Element) and not _NOT_PROSE.isdisjoint(parent["classes"]):
            return False
        if isinstance(parent, (nodes.list_item, nodes.admonition, nodes.table)):
            return False
        parent = parent.parent
    return True


def first_paragraph(doctree: nodes.Node | None) -> str:
    """The text of the page's first paragraph of its own prose, or ""."""
    if doctree is None:
        return ""
    for para in doctree.findall(nodes.paragraph):
        if _prose(para):
            text = para.astext().strip()
            if text:
                return text
    return ""


def description_for(record: ArticleRecord | None, doctree: Any) -> str:
    if record is not None and record.description:
        return record.description
    return shorten(first_paragraph(doctree))


def _when(record: ArticleRecord) -> str:
    return record.timestamp or record.date


def _article_tags(app: Sphinx, record: ArticleRecord) -> str:
    vocabulary = kb_state(app).vocabulary
    tags = [
        ("article:published_time", _when(record)),
        ("article:modified_time", max(record.date, record.updated, record.reviewed)),
        *(("article:author", name) for name in record.authors),
        *(("article:tag", vocabulary.info(key).label) for key in record.tags),
    ]
    return "".join(
        f'<meta property="{name}" content="{escape(value, quote=True)}" />\n'
        for name, value in tags
        if value
    )


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """After sphinxext-opengraph (priority 500) has written its tags."""
    if "metatags" not in context:
        return
    record = get_domain(app.env).articles.get(pagename)
    description = description_for(record, doctree)
    changes: dict[str, str | None] = {
        "viewport": None,  # furo writes its own
        "description": None,  # scraped text: listings, bylines
        "og:description": None,
    }
    if record is not None:
        changes["og:type"] = _ARTICLE_TYPE
    metatags = opengraph.edit_metatags(context["metatags"], changes)
    if description:
        content = escape(description, quote=True)
        metatags += f'<meta name="description" content="{content}" />\n'
        metatags += f'<meta property="og:description" content="{content}" />\n'
    if record is not None:
        metatags += _article_tags(app, record)
        if record.image.startswith(("https://", "http://")):
            image = escape(record.image, quote=True)
            metatags += f'<meta property="og:image" content="{image}" />\n'
    context["metatags"] = metatags
    # The footer: the article's own date, or none (Sphinx would give the build date).
    latest = max(record.date, record.updated, record.reviewed) if record is not None else ""
    when = dt.date.fromisoformat(latest) if latest else None
    context["last_updated"] = dates.day(when, app.config.language) if when else None


def default_favicon(app: Sphinx, config: Config) -> None:
    """``config-inited``: the package's icon when the project has none (no 404s)."""
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)


def social_cards_off(app: Sphinx, config: Config) -> None:
    """``config-inited``: no social cards unless ``ogp_social_cards`` asks for them."""
    if getattr(config, "ogp_social_cards", {}) is None:
        config.ogp_social_cards = {"enable": False}
