"""The article model and its normalization, shared by the importer, the build and ``kb check``.

``normalize(front_matter)`` maps CMS field names onto the model (title, date,
description, tags, authors, image), folds white space and Unicode, parses dates,
and returns every problem it found with the line it was found on.  It never raises
on bad values: a bad date is a problem, not a crash.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..problems import Level, Problem
from .frontmatter import FrontMatter

#: Where each model field may come from, in order of preference.
DEFAULT_FIELD_MAP: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date", "publishDate", "pubDate", "publishedAt"),
    "description": ("description", "summary", "excerpt", "meta_description"),
    "tags": ("tags", "keywords", "categories", "category"),
    "authors": ("authors", "author"),
    "image": ("image", "featuredimage", "coverImage", "cover"),
}

WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class Article:
    """An article's normalized front matter."""

    title: str
    date: dt.date | None = None
    #: The full timestamp when the source had one (kept for ISO output and feeds).
    timestamp: dt.datetime | None = None
    description: str = ""
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    image: str = ""
    #: Keys this project does not use, verbatim.
    extra: dict[str, Any] = field(default_factory=dict)
    #: Which source key each model field came from.
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def date_iso(self) -> str:
        if self.timestamp is not None:
            return self.timestamp.isoformat(timespec="seconds")
        return self.date.isoformat() if self.date else ""


def clean_text(value: str) -> str:
    """NFC, white space runs folded to one space, trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()


def visible(text: str) -> bool:
    """Whether ``text`` has a character a reader can see (not only zero-width or
    format characters such as U+200B, U+2060, U+FEFF, nor only spaces)."""
    return any(not ch.isspace() and unicodedata.category(ch) not in _INVISIBLE for ch in text)


#: Format, control, unassigned and private-use characters, and combining marks alone.
_INVISIBLE = frozenset({"Cf", "Cc", "Cn", "Co", "Mn", "Me", "Zl", "Zp", "Zs"})


def slugify(text: str, max_length: int = 80) -> str:
    """An ASCII ``[a-z0-9-]`` slug of ``text``; ``""`` when nothing usable is left.

    Accents are folded (``Café`` -> ``cafe``) and apostrophes dropped (``SCAA’s`` ->
    ``scaas``, as CMSs do); anything else becomes one hyphen.  The result can be
    used as a file name: it never contains a dot or a slash.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"['’`]", "", folded.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(slug) > max_length:
        # Cut at a word boundary so slugs stay readable.
        cut = slug[:max_length].rsplit("-", 1)[0]
        slug = (cut or slug[:max_length]).strip("-")
    return slug


def reading_minutes(words: int, per_minute: int = WORDS_PER_MINUTE) -> int:
    return max(1, math.ceil(words / max(1, per_minute)))


_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d",
    "%d %B %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %b %Y",
)


def parse_date(value: Any) -> dt.datetime | dt.date | None:
    """A date or datetime from YAML values and the strings CMSs write; ``None`` if not."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is not None:
        if len(text) <= 10 and parsed.time() == dt.time():
            return parsed.date()
        return parsed
    for fmt in _DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed if "%H" in fmt else parsed.date()
    return None


def split_tags(value: Any) -> tuple[list[str], list[str]]:
    """Tags from a list or a comma-separated string; returns (tags, problems)."""
    problems: list[str] = []
    if value is None:
        return [], problems
    items: Iterable[Any]
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return [], [f"tags must be a list or a comma-separated string, not {_kind(value)}"]
    tags: list[str] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            problems.append(f"tag {_short(item)} is not a string; ignored")
            continue
        tag = clean_text(str(item))
        if not tag:
            problems.append("empty tag ignored")
            continue
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags, problems


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list"}.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _authors(value: Any) -> tuple[list[str], list[str]]:
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    problems: list[str] = []
    for item in values:
        if isinstance(item, Mapping):
            item = item.get("name") or item.get("title") or ""
        if isinstance(item, str) and clean_text(item):
            names.append(clean_text(item))
        elif item not in ("", None):
            problems.append(f"author {_short(item)} is not a name; ignored")
    return names, problems


def normalize(
    fm: FrontMatter,
    *,
    field_map: Mapping[str, tuple[str, ...]] | None = None,
    fallback_title: str = "",
) -> tuple[Article, list[Problem]]:
    """Normalize parsed front matter into an :class:`Article` plus problems."""
    mapping = dict(DEFAULT_FIELD_MAP)
    if field_map:
        mapping.update(field_map)
    data = fm.data
    problems: list[Problem] = []
    used: dict[str, str] = {}

    folded = {str(k).casefold(): k for k in reversed(list(data))}  # "Title:" is a title

    def pick(name: str) -> tuple[str | None, Any]:
        for wanted in mapping.get(name, ()):
            key = wanted if wanted in data else folded.get(wanted.casefold())
            if key is not None and data[key] not in (None, ""):
                used[name] = key
                return key, data[key]
        return None, None

    def problem(level: Level, message: str, key: str | None, code: str) -> None:
        line = fm.line_of(key) if key else (1 if fm.kind != "none" else None)
        problems.append(Problem(level, message, line, code))

    for line, message in fm.warnings:
        problems.append(Problem("warning", message, line, "front-matter"))

    key, raw_title = pick("title")
    if isinstance(raw_title, dt.date):  # "title: 2024-05-01" is a title, not a date
        raw_title = raw_title.isoformat()
    title = clean_text(str(raw_title)) if isinstance(raw_title, (str, int, float)) else ""
    if title and not visible(title):
        problem("error", "title has no visible characters", key, "title-invalid")
        title = ""
    elif raw_title is not None and not title:
        problem("error", "title is not text", key, "title-invalid")
    if not title:
        if raw_title is None:
            problem("error", "no title in the front matter", None, "title-missing")
        title = fallback_title

    key, raw_date = pick("date")
    date: dt.date | None = None
    timestamp: dt.datetime | None = None
    if key is not None:
        parsed = parse_date(raw_date)
        if parsed is None:
            problem(
                "warning", f"date {_short(raw_date)} is not a date I can read", key, "date-invalid"
            )
        elif isinstance(parsed, dt.datetime):
            timestamp, date = parsed, parsed.date()
        else:
            date = parsed

    key, raw_description = pick("description")
    description = ""
    if raw_description is not None:
        if isinstance(raw_description, str):
            description = clean_text(raw_description)
        else:
            problem("warning", "description is not text; ignored", key, "description-invalid")

    key, raw_tags = pick("tags")
    tags, tag_problems = split_tags(raw_tags)
    for message in tag_problems:
        problem("warning", message, key, "tag-invalid")

    key, raw_authors = pick("authors")
    authors: list[str] = []
    if raw_authors is not None:
        authors, author_problems = _authors(raw_authors)
        for message in author_problems:
            problem("warning", message, key, "author-invalid")

    key, raw_image = pick("image")
    image = ""
    if isinstance(raw_image, Mapping):  # Jekyll themes: image: {path: ..., alt: ...}
        raw_image = raw_image.get("path") or raw_image.get("src") or raw_image
    if raw_image is not None:
        if isinstance(raw_image, str):
            image = raw_image.strip()
        else:
            problem("warning", "image is not a path; ignored", key, "image-invalid")

    consumed = {used_key for used_key in used.values()}
    extra = {k: v for k, v in data.items() if k not in consumed}
    article = Article(
        title=title,
        date=date,
        timestamp=timestamp,
        description=description,
        tags=tuple(tags),
        authors=tuple(authors),
        image=image,
        extra=extra,
        sources=used,
    )
    return article, problems
