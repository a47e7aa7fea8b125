"""What a health site tells readers about an article's upkeep: who wrote it, when it
was updated and last reviewed, when its next review is due, and its sources.

Front matter keys (the first one present wins)::

    updated:    2024-03-01          # also last_updated, lastmod, modified
    reviewed:   2025-02-10          # also last_reviewed
    review_due: 2028-02-10          # also next_review
    sources:                        # also references
      - https://example.org/a-study
      - title: Cancer screening (NHS)
        url: https://www.nhs.uk/conditions/cancer-screening/
      - A plain-text reference, as printed in a book.

They are read from the raw front matter (the importer copies them through like any
other key), shown at the end of the article (as NHS pages do: "Page last reviewed /
Next review due") and in the feed, and ``kb check`` reports a review past its date.
Every value is untrusted: text stays text, and only http(s) addresses become links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from docutils import nodes

from ..problems import Problem
from . import dates
from .model import clean_text, parse_date

DATE_KEYS: dict[str, tuple[str, ...]] = {
    "updated": ("updated", "last_updated", "lastmod", "modified"),
    "reviewed": ("reviewed", "last_reviewed"),
    "review_due": ("review_due", "next_review"),
}
SOURCE_KEYS = ("sources", "references")
#: Sources listed at most (a runaway list in front matter stays a list, not a book).
MAX_SOURCES = 200


@dataclass(frozen=True)
class Reference:
    text: str
    url: str = ""


@dataclass(frozen=True)
class Upkeep:
    updated: dt.date | None = None
    reviewed: dt.date | None = None
    review_due: dt.date | None = None
    references: tuple[Reference, ...] = ()

    def latest(self, published: dt.date | None) -> dt.date | None:
        """The last time the article changed or was checked: the footer's date."""
        dates = [d for d in (published, self.updated, self.reviewed) if d is not None]
        return max(dates) if dates else None


def _web(url: str) -> bool:
    return url.lower().startswith(("https://", "http://")) and not any(c.isspace() for c in url)


def _reference(item: Any) -> Reference | None:
    if isinstance(item, str):
        text = clean_text(item)
        if not text:
            return None
        return Reference(text, text if _web(text) else "")
    if isinstance(item, Mapping):
        url = item.get("url") or item.get("link") or item.get("href") or ""
        url = clean_text(url) if isinstance(url, str) else ""
        title = item.get("title") or item.get("text") or item.get("name") or ""
        text = clean_text(title) if isinstance(title, str) else ""
        if not text and not url:
            return None
        return Reference(text or url, url if _web(url) else "")
    return None


def read_upkeep(
    data: Mapping[str, Any], line_of: Callable[[str], int | None]
) -> tuple[Upkeep, list[Problem]]:
    """The upkeep fields of raw front matter, and a problem for each bad value."""
    problems: list[Problem] = []
    dates: dict[str, dt.date | None] = {}
    for name, keys in DATE_KEYS.items():
        key = next((k for k in keys if data.get(k) not in (None, "")), None)
        dates[name] = None
        if key is None:
            continue
        parsed = parse_date(data[key])
        if parsed is None:
            message = f"{key} {str(data[key])[:40]!r} is not a date I can read"
            problems.append(Problem("warning", message, line_of(key), "date-invalid"))
            continue
        dates[name] = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    if dates["reviewed"] and dates["review_due"] and dates["review_due"] < dates["reviewed"]:
        key = next(k for k in DATE_KEYS["review_due"] if k in data)
        message = "the next review is due before the last review"
        problems.append(Problem("warning", message, line_of(key), "review-order"))
    references: list[Reference] = []
    key = next((k for k in SOURCE_KEYS if data.get(k) not in (None, "")), None)
    if key is not None:
        raw = data[key]
        items = raw if isinstance(raw, list) else [raw]
        for item in items[:MAX_SOURCES]:
            found = _reference(item)
            if found is None:
                message = f"{key}: {str(item)[:40]!r} is not a reference (text or url); ignored"
                problems.append(Problem("warning", message, line_of(key), "source-invalid"))
            else:
                references.append(found)
    upkeep = Upkeep(dates["updated"], dates["reviewed"], dates["review_due"], tuple(references))
    return upkeep, problems


def end_matter(upkeep: Upkeep, language: str | None = None) -> list[nodes.Node]:
    """The references section and the review note, appended to the article."""
    out: list[nodes.Node] = []
    if upkeep.references:
        section = nodes.section(ids=["kb-references"], classes=["kb-references"])
        section += nodes.title("", "References")
        listing = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for ref in upkeep.references:
            para = nodes.paragraph()
            if ref.url:
                para += nodes.reference("", ref.text, refuri=ref.url, classes=["external"])
            else:
                para += nodes.Text(ref.text)
            listing += nodes.list_item("", para)
        section += listing
        out.append(section)
    if upkeep.reviewed or upkeep.review_due:
        parts = []
        if upkeep.reviewed:
            parts.append(f"Page last reviewed: {dates.day(upkeep.reviewed, language)}")
        if upkeep.review_due:
            parts.append(f"Next review due: {dates.day(upkeep.review_due, language)}")
        note = nodes.paragraph(classes=["kb-review"])
        for index, text in enumerate(parts):
            if index:
                note += nodes.inline("", " · ", classes=["kb-sep"])
            note += nodes.inline("", text)
        out.append(note)
    return out
