"""A quick look at every article's front matter before Sphinx reads anything.

Tag and archive pages must exist as source files before Sphinx looks for
documents, so their set is worked out from the articles' dates and tags first.
Results are cached by (modification time, size), so a build with nothing changed
parses no YAML at all.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..fileio import read_json_object, write_if_changed
from .frontmatter import FrontMatterError, decode_bytes, sphinx_cannot_read, split_front_matter
from .model import normalize

CACHE_VERSION = 4


@dataclass(frozen=True)
class ScanEntry:
    docname: str
    #: ISO date (``YYYY-MM-DD``) or empty when missing or unreadable.
    date: str
    tags: tuple[str, ...]
    #: Why Sphinx cannot read the file ("" when it can): not UTF-8 text, or binary.
    unreadable: str = ""
    #: The line the problem is on.
    unreadable_line: int = 1


def _scan_file(path: Path) -> tuple[str, tuple[str, ...], str, int]:
    try:
        raw = path.read_bytes()
    except OSError:
        return "", (), "", 1
    # Sphinx reads sources as strict UTF-8 and stops the whole build otherwise.
    unreadable = sphinx_cannot_read(raw)
    if unreadable is not None:
        return "", (), *unreadable
    try:
        article, _problems = normalize(split_front_matter(decode_bytes(raw).text))
    except FrontMatterError:
        return "", (), "", 1  # the build reports the problem with its line
    return (article.date.isoformat() if article.date else ""), article.tags, "", 1


def _sphinx_tags_directive_tags(path: Path) -> tuple[str, ...]:
    """Tags of a page using sphinx-tags' own ``{tags}`` directive, as it finds them."""
    from ..internals.sphinx_tags import page_tags

    return page_tags(path)


def scan(
    srcdir: Path,
    articles_dir: str,
    cache_file: Path,
    other_pages: list[str],
) -> list[ScanEntry]:
    """Date and tags of every article under ``articles_dir`` plus tags of ``other_pages``.

    ``other_pages`` are docnames of non-article pages that use sphinx-tags'
    directive (found by the caller).
    """
    cache = read_json_object(cache_file)
    if cache.get("version") != CACHE_VERSION:
        cache = {}
    old = cache.get("files", {})
    new: dict[str, list[object]] = {}
    entries: list[ScanEntry] = []
    root = srcdir / articles_dir
    paths: list[tuple[str, Path, bool]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if name.endswith(".md") and not name.startswith("."):
                path = Path(dirpath) / name
                paths.append((path.relative_to(srcdir).as_posix()[:-3], path, True))
    for docname in other_pages:
        paths.append((docname, srcdir / f"{docname}.md", False))
    for docname, path, is_article in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamp = [stat.st_mtime_ns, stat.st_size, is_article]
        cached = old.get(docname)
        if cached and cached[:3] == stamp:
            date, tags, unreadable, line = cached[3], tuple(cached[4]), cached[5], cached[6]
        elif is_article:
            date, tags, unreadable, line = _scan_file(path)
        else:
            date, tags, unreadable, line = "", _sphinx_tags_directive_tags(path), "", 1
        new[docname] = [*stamp, date, list(tags), unreadable, line]
        entries.append(ScanEntry(docname, date, tags, unreadable, line))
    payload = json.dumps({"version": CACHE_VERSION, "files": new}, sort_keys=True)
    with contextlib.suppress(OSError):  # only a cache
        write_if_changed(cache_file, payload)
    return entries


def pages_using_tags_directive(srcdir: Path, exclude: tuple[str, ...]) -> list[str]:
    """Docnames of ``docs`` pages (outside ``exclude`` folders) that use ``{tags}``."""
    found: list[str] = []
    docs = srcdir / "docs"
    for dirpath, dirnames, filenames in os.walk(docs):
        rel = Path(dirpath).relative_to(srcdir).as_posix()
        if rel.startswith(exclude):
            dirnames[:] = []
            continue
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if not name.endswith(".md"):
                continue
            path = Path(dirpath) / name
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if "{tags}" in text:
                found.append(f"{rel}/{name[:-3]}")
    return found
