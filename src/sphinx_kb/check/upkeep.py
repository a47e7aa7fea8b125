"""Upkeep of health articles: reviews past their due date, unreadable review dates.

A reader trusts a page whose "Next review due" date has passed less than one that
was never dated, so an overdue review is a warning; the review and source fields
themselves are read as the build reads them (``articles.trust``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..articles import dates
from ..articles.trust import DATE_KEYS, read_upkeep
from .context import Context, finding_at
from .report import Finding


def reviews(ctx: Context, today: dt.date | None = None) -> Iterator[Finding]:
    today = today or dt.date.today()
    for source in ctx.articles:
        front = source.front
        if front is None:
            continue
        upkeep, problems = read_upkeep(front.data, front.line_of)
        for problem in problems:
            yield finding_at(source, problem.line, problem.level, problem.code, problem.message)
        if upkeep.review_due is not None and upkeep.review_due < today:
            key = next(k for k in DATE_KEYS["review_due"] if front.data.get(k) not in (None, ""))
            message = "review overdue: the next review was due on " + dates.day(
                upkeep.review_due, ctx.settings.language
            )
            yield finding_at(source, front.line_of(key), "warning", "review-overdue", message)
