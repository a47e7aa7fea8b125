"""Rules on what articles declare about themselves, and on the tag vocabulary.

Front matter problems (an unreadable date or title is an error, a missing date or
description a warning), tags not declared in the vocabulary (as the
``undeclared_tags`` policy says), markup in title, description or tags, slugs that
would leave the articles folder, titles and addresses that collide, problems in the
vocabulary file and tag slugs that collide, and the read problems of pages that are not
articles.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ..articles.model import clean_text
from ..listings.generate import missing_articles_folder
from ..problems import Level
from .context import Context, finding_at, short
from .markup import TAG
from .project import Source
from .report import Finding

#: Model problems whose level the check raises: an unreadable date misfiles the article.
_LEVELS: dict[str, Level] = {"date-invalid": "error", "title-invalid": "error"}
_SCRIPTY = re.compile(r"javascript:|vbscript:|\bon[a-z]+\s*=", re.IGNORECASE)


def front_matter(ctx: Context) -> Iterator[Finding]:
    policy = ctx.settings.kb.undeclared_tags
    vocab_name = ctx.settings.kb.tag_vocabulary or "the tag vocabulary"
    for source in ctx.articles:
        yield from source.findings
        article, front = source.article, source.front
        if article is None or front is None:
            continue
        for problem in source.problems:
            if problem.code == "title-missing" and source.markup and source.markup.first_h1:
                continue  # the build takes the body's H1
            level = _LEVELS.get(problem.code, problem.level)
            yield finding_at(
                source, problem.line, level, problem.code or "front-matter", problem.message
            )
        codes = {p.code for p in source.problems}
        line = 1 if front.kind != "none" else None
        if "date" not in article.sources and "date-invalid" not in codes:
            message = "no date in the front matter; the article is listed as undated"
            yield finding_at(source, line, "warning", "date-missing", message)
        if "description" not in article.sources:
            message = "no description in the front matter (listings, feeds and search use it)"
            yield finding_at(source, line, "warning", "description-missing", message)
        tag_line = front.line_of(article.sources.get("tags", "tags"))
        if policy != "allow":
            level: Level = "error" if policy == "error" else "warning"
            for label in ctx.vocabulary.undeclared(article.tags):
                message = f"tag {label!r} is not declared in {vocab_name}"
                yield finding_at(source, tag_line, level, "tag-undeclared", message)
        fields = [("title", article.title), ("description", article.description)]
        fields += [("tag", tag) for tag in article.tags]
        for name, value in fields:
            found = TAG.search(value) or _SCRIPTY.search(value)
            if found:
                key = article.sources.get(name if name != "tag" else "tags", name)
                message = (
                    f"{name} {short(value)} contains markup ({found.group(0)!r}); "
                    "it is shown as plain text, never run"
                )
                yield finding_at(source, front.line_of(key), "warning", "markup-in-field", message)
        yield from _slug_field(source)


def _slug_field(source: Source) -> Iterator[Finding]:
    raw = source.data.get("slug")
    if raw is None or not source.front:
        return
    text = str(raw)
    if "/" in text or "\\" in text or ".." in text or text.startswith((".", "~")):
        message = f"slug {short(text)} would put the page outside the articles folder"
        yield finding_at(source, source.front.line_of("slug"), "error", "slug-escape", message)


def duplicates(ctx: Context) -> Iterator[Finding]:
    """Titles readers cannot tell apart; addresses that collide."""
    titles: dict[str, list[Source]] = defaultdict(list)
    stems: dict[str, list[Source]] = defaultdict(list)
    slugs: dict[str, list[Source]] = defaultdict(list)
    for source in ctx.articles:
        record = ctx.records[source.docname]
        if source.article is not None:
            titles[clean_text(record.title).casefold()].append(source)
        # Case-insensitive file systems and web servers serve A.html and a.html as one.
        stems[source.docname.casefold()].append(source)
        raw_slug = source.data.get("slug")
        if isinstance(raw_slug, str) and raw_slug.strip():
            slugs[raw_slug.strip().casefold()].append(source)
    for group in titles.values():
        for source in group[1:]:
            title = ctx.records[source.docname].title
            message = f"title {short(title)} is also the title of {group[0].rel}"
            line = source.front.line_of("title") if source.front else None
            yield finding_at(source, line, "warning", "duplicate-title", message)
    for group in stems.values():
        for source in group[1:]:
            message = f"page address collides with {group[0].rel} (names differ only in case)"
            yield finding_at(source, None, "error", "duplicate-slug", message)
    for value, group in slugs.items():
        for source in group[1:]:
            message = f"slug {value!r} is also the slug of {group[0].rel}"
            line = source.front.line_of("slug") if source.front else None
            yield finding_at(source, line, "error", "duplicate-slug", message)


def vocabulary(ctx: Context) -> Iterator[Finding]:
    kb = ctx.settings.kb
    if not (ctx.root / kb.articles_dir).is_dir():
        yield Finding(
            kb.articles_dir,
            None,
            "warning",
            "articles-missing",
            missing_articles_folder(kb.articles_dir),
        )
    rel = kb.tag_vocabulary
    for problem in ctx.vocabulary.problems:
        yield Finding.of(rel, problem)
    for message in ctx.slug_messages:
        yield Finding(rel or kb.tags_dir, None, "warning", "tag-slug-collision", message)


# -- other pages' read problems ---------------------------------------------------


def pages(ctx: Context) -> Iterator[Finding]:
    for source in ctx.sources:
        if not source.is_article:
            yield from source.findings
