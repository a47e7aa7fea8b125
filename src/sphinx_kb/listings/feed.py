"""An Atom feed of the latest articles (``feed.xml``), written with feedgen.

feedgen escapes every text field, so titles and descriptions from front matter
can never become markup.  The feed's ``updated`` is the newest article's date,
not the build time, so unchanged content gives an identical file.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

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
    feed.updated(_when(dated[0].timestamp or dated[0].date) if dated else _when("2000-01-01"))
    for record in reversed(dated):  # feedgen prepends entries
        url = urljoin(base, app.builder.get_target_uri(record.docname))
        entry = feed.add_entry()
        entry.id(url)
        entry.title(record.title)
        entry.link(href=url)
        entry.updated(_when(record.timestamp or record.date))
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
