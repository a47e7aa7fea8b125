"""Which pages are searched, and the wrapper written around their bodies.

Only pages with the wrapper are results (the home page, the glossary page, tag and
archive pages, ``genindex`` and the search page are not): listings only repeat the
titles of the articles they list, and tags are the search page's filters.  The
wrapper carries what a result shows and what facets filter on, as attributes rather
than text, so none of it is indexed as words: the title, the date (shown, and the
order of a search by tag alone), the kind of page and the article's tags.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, Literal

from ...articles import dates
from ...environment.domain import get_domain
from ...environment.state import kb_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

Kind = Literal["article", "page", "glossary"]


@dataclass(frozen=True)
class SearchPage:
    """What a result shows for one page."""

    kind: Kind
    title: str
    date: str = ""
    tags: tuple[str, ...] = ()


def _within(docname: str, folder: str) -> bool:
    return docname.startswith(folder.strip("/") + "/")


def search_page(env: BuildEnvironment, docname: str) -> SearchPage | None:
    """The page as a search result, or None when it is never one."""
    config = kb_state(env).config
    if docname in (env.config.root_doc, config.glossary_doc):
        return None  # the landing page; glossary entries are results of their own
    if docname not in env.all_docs or env.metadata.get(docname, {}).get("nosearch"):
        return None  # archive pages are generated with ``nosearch``
    if _within(docname, config.tags_dir):
        return None
    record = get_domain(env).articles.get(docname)
    if record is not None:
        vocabulary = kb_state(env).vocabulary
        labels = tuple(vocabulary.info(key).label for key in record.tags)
        return SearchPage("article", record.title, record.date, labels)
    title = env.titles[docname].astext() if docname in env.titles else docname
    return SearchPage("page", title)


#: Where the searchable body starts (the wrapper's opening) and ends: the indexer is
#: given only what lies between them (outputs/search/index.stage).
START = '<div class="kb-search-body"'
END = "<!-- /kb-search-body -->"


def _attribute(value: str) -> str:
    return escape(value, quote=True)


def wrapper(page: SearchPage, language: str | None = "en") -> str:
    """The opening tag (and tag markers) that make a page's body searchable."""
    attrs = [f'data-kb-kind="{page.kind}"', f'data-kb-title="{_attribute(page.title)}"']
    if page.date:
        label = _attribute(dates.day(dt.date.fromisoformat(page.date), language))
        attrs += [f'data-kb-date="{page.date}"', f'data-kb-date-label="{label}"']
    # A tag label may hold a comma or colon: carried by an attribute, never parsed.
    markers = "".join(f'<span hidden data-kb-tag="{_attribute(tag)}"></span>' for tag in page.tags)
    return f"{START} {' '.join(attrs)}>{markers}"


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.name not in BUILDERS:
        return
    # templates/page.html: the box for narrow screens (the search page has its own).
    context["kb_search_box"] = pagename != "search"
    if "body" not in context:
        return
    page = search_page(app.env, pagename)
    if page is not None:
        context["body"] = wrapper(page, app.config.language) + context["body"] + "</div>" + END


#: Builders whose output is indexed (one page per file, ``build-finished`` runs).
BUILDERS = frozenset({"html", "dirhtml"})
