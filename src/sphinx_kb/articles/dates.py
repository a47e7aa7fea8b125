"""Dates as readers see them, in the site's language, with Sphinx's Babel-backed
``format_date`` (the one Sphinx uses for ``today`` and ``html_last_updated_fmt``)."""

from __future__ import annotations

import datetime as dt

from sphinx.util.i18n import format_date

#: ``5 October 2018`` in English; Babel gives each language its own month names.
DAY_FORMAT = "%-d %B %Y"
#: ``October 2018``: archive month pages.
MONTH_FORMAT = "%B %Y"


def day(value: dt.date, language: str | None) -> str:
    return format_date(DAY_FORMAT, date=_moment(value), language=language or "en")


def month(year: str | int, number: int, language: str | None) -> str:
    first = dt.date(int(year), number, 1)
    return format_date(MONTH_FORMAT, date=_moment(first), language=language or "en")


def _moment(value: dt.date) -> dt.datetime:
    # format_date takes a datetime; the time of day is never shown.
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)
