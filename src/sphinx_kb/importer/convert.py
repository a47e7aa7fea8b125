"""One source file to one page: read, parse, normalize, repair.

Pure apart from reading the source (and looking up images); writing is
:mod:`.writer`'s job, so a batch can be converted first and written in order.
Problems are :class:`sphinx_kb.model.Problem` s with the line they are on.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..articles.frontmatter import (
    MAX_FILE_BYTES,
    FrontMatterError,
    decode_bytes,
    split_front_matter,
)
from ..articles.model import Article, Problem, clean_text, normalize, slugify
from .alerts import convert_alerts
from .inline import fix_text
from .media import ArticleMedia, MediaSettings
from .repair import GlossaryCandidate, repair_body
from .writer import plain_value

if TYPE_CHECKING:
    from .migration import Migration

#: Front matter keys the importer writes itself; source keys with these names are renamed.
OUTPUT_KEYS = ("title", "date", "description", "tags", "authors", "image", "source")
_PATH_LIKE_TAG = re.compile(r"(?:^|[/\\])\.\.(?:[/\\]|$)|^[/\\]")
_DECODE_LINE = re.compile(r"^line (\d+): (.*)$")


@dataclass
class Converted:
    """A converted article, or a failure (``error`` set)."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    error: Problem | None = None
    front: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    slug_base: str = ""
    sha256: str = ""
    repairs: Counter[str] = field(default_factory=Counter)
    glossary: list[GlossaryCandidate] = field(default_factory=list)
    media: ArticleMedia | None = None


def _fail(result: Converted, message: str, line: int | None = None) -> Converted:
    result.error = Problem("error", message, line)
    return result


def _title_from_name(path: Path) -> str:
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}[-_]", "", path.stem)  # Jekyll-style date prefix
    words = clean_text(re.sub(r"[-_]+", " ", stem))
    return words[:1].upper() + words[1:] if words else path.name


def convert(
    path: Path,
    *,
    field_map: Mapping[str, tuple[str, ...]],
    page_dir: Path,
    media: MediaSettings | None = None,
    migration: Migration | None = None,
) -> Converted:
    result = Converted(path)
    counts = result.repairs
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refuse before reading it into memory
            return _fail(
                result, f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})"
            )
        raw = path.read_bytes()
    except OSError as exc:
        return _fail(result, f"cannot read: {exc.strerror or exc}")
    result.sha256 = hashlib.sha256(raw).hexdigest()
    try:
        decoded = decode_bytes(raw)
    except FrontMatterError as exc:
        return _fail(result, exc.message, exc.line)
    if not decoded.text.strip():
        return _fail(result, "file is empty")
    for warning in decoded.warnings:
        match = _DECODE_LINE.match(warning)
        line, message = (int(match.group(1)), match.group(2)) if match else (None, warning)
        result.problems.append(Problem("warning", message, line, "encoding"))
        counts["encoding"] += 1
    if decoded.had_bom:
        result.problems.append(Problem("info", "removed a UTF-8 byte order mark", None, "bom"))
        counts["bom"] += 1
    if decoded.had_crlf:
        result.problems.append(Problem("info", "converted CRLF line ends to LF", None, "crlf"))
        counts["line-ends"] += 1
    try:
        fm = split_front_matter(decoded.text)
    except FrontMatterError as exc:
        return _fail(result, exc.message, exc.line)

    if migration is not None:
        fm = migration.lift_taxonomies(fm)
    article, problems = normalize(fm, field_map=field_map)
    title_problem = next((p for p in problems if p.code.startswith("title-")), None)
    result.problems.extend(p for p in problems if not p.code.startswith("title-"))

    article_media = ArticleMedia(path, page_dir, media)
    result.media = article_media
    title = fix_text(article.title, counts) if article.title else None
    if migration is None:
        repaired = repair_body(
            convert_alerts(fm.body, counts),
            title=title,
            first_line=fm.body_line,
            images=article_media.rewrite,
        )
    else:
        body = convert_alerts(
            migration.prepare(fm.body, fm.body_line, article_media.rewrite), counts
        )
        repaired = repair_body(
            body,
            title=title,
            images=migration.images_for(article_media.rewrite),
            links=migration.link_hook(),
        )
        repaired.notes[:] = [(migration.file_line(n), m) for n, m in repaired.notes]
        repaired.glossary[:] = [
            replace(g, line=migration.file_line(g.line)) for g in repaired.glossary
        ]
    counts.update(repaired.counts)
    result.glossary = repaired.glossary
    # A tag whose conversion already said why it was kept ("include ... is not in the
    # source tree") is not reported a second time as merely "kept as literal text".
    explained = {line for line, _ in migration.notes} if migration is not None else set()
    for line, message in repaired.notes:
        if line in explained and message.endswith("kept as literal text"):
            continue
        result.problems.append(Problem("warning", message, line, "shortcode"))
    if title is None:
        title = _fallback_title(result, fm.kind, title_problem, fm.data, repaired.first_heading)

    front = _front_matter(result, article, title, fm.data, fm.line_of)
    if migration is not None:
        front = migration.complete_front_matter(front)
    image = front.get("image")
    if image:
        line = fm.line_of(article.sources.get("image", "image"))
        new = article_media.rewrite(image, line)
        if new == "":
            del front["image"]
        elif new is not None:
            front["image"] = new
    for line, message in article_media.warnings:
        result.problems.append(Problem("warning", message, line, "image"))

    result.slug_base = _slug_base(result, fm.data, title, path, fm.line_of)
    if "slug" in front and _escapes(fm.data.get("slug")):
        front["slug"] = result.slug_base  # never write the escaping value back
    if not repaired.text.strip():
        result.problems.append(Problem("warning", "the article has no body text", None, "empty"))
    result.front = front
    result.body = repaired.text
    result.problems.sort(key=lambda problem: problem.line or 0)  # file order
    return result


def _fallback_title(
    result: Converted,
    kind: str,
    problem: Problem | None,
    data: Mapping[str, Any],
    heading: str,
) -> str:
    title = heading or _title_from_name(result.path)
    origin = "the first heading" if heading else "the file name"
    if kind == "none":
        message = f"no front matter; title {title!r} taken from {origin}"
        line = None
    else:
        raw = data.get("title")
        if isinstance(raw, str):
            reason = "the title is blank"
        elif raw is None or problem is None or problem.code == "title-missing":
            reason = "no title in the front matter"
        else:
            reason = "the title is not text"
        message = f"{reason}; using {title!r} from {origin}"
        line = problem.line if problem else 1
    result.problems.append(Problem("warning", message, line, "title"))
    return title


def _escapes(value: Any) -> bool:
    return isinstance(value, str) and bool(re.search(r"\.\.|[/\\]", value))


def _slug_base(
    result: Converted, data: Mapping[str, Any], title: str, path: Path, line_of: Any
) -> str:
    raw = data.get("slug")
    if isinstance(raw, str) and raw.strip():
        slug = slugify(raw)
        if _escapes(raw):
            fallback = slug or slugify(title)
            result.problems.append(
                Problem(
                    "warning",
                    f"slug {raw!r} tries to leave the destination folder; using {fallback!r}",
                    line_of("slug"),
                    "slug-escape",
                )
            )
        if slug:
            return slug
    slug = slugify(title) or slugify(path.stem)
    if slug:
        return slug
    # A title in a script slugify cannot fold (e.g. Japanese): a stable, unique fallback.
    return "article-" + hashlib.sha256(os.fsencode(path.name)).hexdigest()[:8]


def _front_matter(
    result: Converted, article: Article, title: str, data: Mapping[str, Any], line_of: Any
) -> dict[str, Any]:
    counts = result.repairs
    front: dict[str, Any] = {"title": title}
    if article.date_iso:
        front["date"] = article.date_iso
    if article.description:
        front["description"] = fix_text(article.description, counts)
    tags: list[str] = []
    for tag in article.tags:
        if _PATH_LIKE_TAG.search(tag):
            result.problems.append(
                Problem(
                    "warning",
                    f"tag {tag!r} looks like a path leaving the tags folder; dropped",
                    line_of(article.sources.get("tags", "tags")),
                    "tag-escape",
                )
            )
            continue
        tags.append(fix_text(tag, counts))
    if tags:
        front["tags"] = list(dict.fromkeys(tags))
    if article.authors:
        front["authors"] = [fix_text(name, counts) for name in article.authors]
    if article.image:
        front["image"] = article.image
    extra = dict(article.extra)
    date_key = article.sources.get("date")
    if date_key and not article.date_iso:
        extra[f"original_{date_key}"] = data[date_key]  # unreadable date: keep what it said
    for key, value in extra.items():
        if key in OUTPUT_KEYS:
            if value in (None, "", [], {}):
                continue
            new_key = f"original_{key}"
            result.problems.append(
                Problem(
                    "warning",
                    f"key {key!r} is not used for the {key} (see --map); kept as {new_key!r}",
                    line_of(key),
                    "key-renamed",
                )
            )
            key = new_key
        front[key] = plain_value(value)
    return front
