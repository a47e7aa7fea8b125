"""Listing directives: each leaves a ``kb_listing`` placeholder with its options.

The ``kb`` domain records the placeholders of every page it reads; the collector
decides which pages to rewrite when what they list changes, and ``resolve``
renders them at ``doctree-resolved``.  What each listing shows is a *kind* (see
``listing_types``).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..environment.state import kb_state
from ..nodes import kb_listing
from ..tags.vocabulary import Vocabulary
from .listing_types import Options

logger = logging.getLogger(__name__)


class ListingDirective(SphinxDirective):
    kind = ""
    has_content = False
    optional_arguments = 1
    option_spec: dict[str, Callable[[str], Any]] = {}  # noqa: RUF012

    @classmethod
    def options_for(cls, argument: str, options: Mapping[str, Any]) -> Options:
        """The listing's options, from the directive's argument and converted options."""
        return dict(options)

    def run(self) -> list[nodes.Node]:
        options = self.options_for(self.arguments[0] if self.arguments else "", self.options)
        node = kb_listing(kind=self.kind, options=options)
        self.set_source_info(node)
        return [node]


def _year(value: str) -> str:
    # A filter no article can match would show an empty list without a word.
    year = directives.unchanged_required(value).strip()
    if len(year) != 4 or not year.isdigit() or year.startswith("0"):
        raise ValueError(f"year {year!r} is not a year (four digits, like 2024)")
    return year


def _month(value: str) -> int:
    month = directives.positive_int(value)
    if month > 12:
        raise ValueError(f"month {month} is not a month (1 to 12)")
    return month


def _sort(value: str) -> str:
    return directives.choice(value, ("date", "oldest", "title"))


def _style(value: str) -> str:
    return directives.choice(value, ("cards", "list"))


class ArticleListDirective(ListingDirective):
    """``{article-list}``: articles filtered by tag and year, sorted, limited."""

    kind = "articles"
    optional_arguments = 0
    option_spec = {  # noqa: RUF012
        "tag": directives.unchanged_required,
        "year": _year,
        "month": _month,
        "sort": _sort,
        "limit": directives.nonnegative_int,
        "style": _style,
    }

    def run(self) -> list[nodes.Node]:
        state = kb_state(self.env)
        problem = unknown_filter_tag(self.options.get("tag", ""), state.vocabulary, state.slugs)
        if problem:
            logger.warning(
                problem, location=(self.env.docname, self.lineno), type="kb", subtype="listing"
            )
        return super().run()


def unknown_filter_tag(tag: str, vocabulary: Vocabulary, used: Container[str]) -> str:
    """The message for an ``{article-list}`` tag filter that can match nothing: a tag
    neither declared nor used by any page (``used``: tag keys in use); else ``""``."""
    if not tag:
        return ""
    key, declared = vocabulary.resolve(tag)
    if declared or key in used:
        return ""
    return (
        f"{{article-list}} tag {tag!r} is neither declared nor used by any page: the list is empty"
    )


class TagPageDirective(ListingDirective):
    kind = "tag-page"
    required_arguments = 1
    optional_arguments = 0

    @classmethod
    def options_for(cls, argument: str, options: Mapping[str, Any]) -> Options:
        return {"slug": argument}


class TagOverviewDirective(ListingDirective):
    kind = "tag-overview"
    optional_arguments = 0


class TagCloudDirective(ListingDirective):
    kind = "tag-cloud"
    optional_arguments = 0


class ArchiveDirective(ListingDirective):
    kind = "archive"
    optional_arguments = 0
    option_spec = {  # noqa: RUF012
        "year": directives.unchanged_required,
        "page": directives.positive_int,
        "pages": directives.positive_int,
    }


class ArchiveMonthDirective(ListingDirective):
    kind = "archive-month"
    optional_arguments = 0
    option_spec = {  # noqa: RUF012
        "year": directives.unchanged_required,
        "month": _month,
        "page": directives.positive_int,
        "pages": directives.positive_int,
    }


# -- events --------------------------------------------------------------------


#: Every listing directive, by name.
DIRECTIVES: dict[str, type[ListingDirective]] = {
    "article-list": ArticleListDirective,
    "kb-tag-page": TagPageDirective,
    "kb-tag-overview": TagOverviewDirective,
    "kb-tag-cloud": TagCloudDirective,
    "kb-archive": ArchiveDirective,
    "kb-archive-month": ArchiveMonthDirective,
}


def listing_spec(name: str, argument: str, raw: Mapping[str, str]) -> tuple[str, Options]:
    """(kind, options) of a listing directive as written, converted as the directive
    does; ``ValueError`` for an option it would refuse (``kb check``)."""
    directive = DIRECTIVES[name]
    options: dict[str, Any] = {}
    for key, value in raw.items():
        convert = directive.option_spec.get(key)
        if convert is None:
            raise ValueError(f"unknown option {key!r}")
        options[key] = convert(value)
    return directive.kind, directive.options_for(argument, options)
