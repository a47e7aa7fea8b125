"""An Atom feed of the latest articles (``feed.xml``), written with feedgen.

feedgen escapes every text field, so titles and descriptions from front matter
can never become markup.  The feed's ``updated`` is the newest article's date,
not the build time, so unchanged content gives an identical file.  An entry's
``updated`` is its last update or review (front matter ``updated``/``reviewed``),
``published`` its date.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from ..environment.domain import ArticleRecord
from ..environment.state import kb_state
from ..fileio import write_if_changed
from .catalog import catalog_for

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FEED_NAME = "feed.xml"


def _when(text: str) -> dt.datetime:
    value = (
        dt.datetime.fromisoformat(text)
        if "T" in text
        else dt.datetime.fromisoformat(text + "T00:00:00")
    )
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def site_url(app: Sphinx) -> str:
    url = kb_state(app).config.site_url or app.config.html_baseurl or "https://example.invalid/"
    return url if url.endswith("/") else url + "/"


def _changed(record: ArticleRecord) -> dt.datetime:
    published = _when(record.timestamp or record.date)
    later = [_when(d) for d in (record.updated, record.reviewed) if d]
    return max([published, *later])


def site_author(app: Sphinx) -> str:
    """Who publishes the site: ``author`` in conf.py, else the site's title."""
    author = str(app.config.author or "").strip()
    if author and author.casefold() not in {"unknown", "author name not set"}:
        return author
    return str(app.config.html_title or app.config.project)


def build_feed(app: Sphinx) -> bytes:
    from feedgen.feed import FeedGenerator

    catalog = catalog_for(app)
    base = site_url(app)
    dated = [a for a in catalog.articles if a.date][: kb_state(app).config.feed_length]
    feed = FeedGenerator()
    feed.id(base)
    feed.title(app.config.html_title or app.config.project)
    feed.link(href=base, rel="alternate")
    feed.link(href=urljoin(base, FEED_NAME), rel="self")
    feed.language(app.config.language or "en")
    # RFC 4287 4.1.1: a feed whose entries may lack an author names one itself.
    feed.author(name=site_author(app))
    newest = max((_changed(record) for record in dated), default=_when("2000-01-01"))
    feed.updated(newest)
    for record in reversed(dated):  # feedgen prepends entries
        url = urljoin(base, app.builder.get_target_uri(record.docname))
        entry = feed.add_entry()
        entry.id(url)
        entry.title(record.title)
        entry.link(href=url)
        # Updated or reviewed since it was published: a change readers may want to see.
        entry.updated(_changed(record))
        entry.published(_when(record.timestamp or record.date))
        if record.description:
            entry.summary(record.description)
        for author in record.authors:
            entry.author(name=author)
        for tag in record.tags:
            entry.category(term=tag, label=catalog.tag_info(tag).label)
    return feed.atom_str(pretty=True)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    write_if_changed(Path(app.outdir) / FEED_NAME, build_feed(app))


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if "pathto" not in context:
        return
    href = escape(context["pathto"](FEED_NAME, 1), quote=True)
    title = escape(app.config.html_title or app.config.project, quote=True)
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}" />\n'
    context["metatags"] = context.get("metatags", "") + link
