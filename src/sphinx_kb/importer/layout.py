"""Where each imported page goes: folders kept, one name per page, stable across runs.

Source folders become folders below ``--dest`` (their names slugified: ``_posts``
-> ``posts``), unless ``--flat``.  A section's index file becomes the folder's
``index.md``; a Hugo leaf bundle (``posts/x/index.md``) becomes a page in the
bundle's parent folder.  A page's file name is its slug (front matter ``slug``,
else its title), with ``-2``, ``-3``... when another page in the folder has it.

Across runs, a source keeps the page it was given, so its address does not change
when its title does; but when the *settings* change (``--map``, ``--flat``) the
source's bytes are the same and its page is made again as a first import would
make it, moving the old page (unless it was edited by hand).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..articles.model import slugify
from .survey import Surveyed
from .writer import PageIndex

_NUMBERED = re.compile(r"^(?P<base>.+?)-(?P<n>\d+)$")


@dataclass
class Placement:
    """The outcome of laying out one source."""

    name: str
    collided_with: str = ""
    #: The page this source had before, to remove once the new one is written.
    moved_from: str = ""


@dataclass
class Layout:
    placements: dict[int, Placement] = field(default_factory=dict)

    def get(self, item: Surveyed) -> Placement | None:
        return self.placements.get(id(item))


def _escapes(value: object) -> bool:
    return isinstance(value, str) and bool(re.search(r"\.\.|[/\\]", value))


def slug_base(item: Surveyed) -> str:
    raw = {str(k).casefold(): v for k, v in item.data.items()}.get("slug")
    if isinstance(raw, str) and raw.strip():
        slug = slugify(raw)
        if slug:
            return slug if slug != "index" else "index-page"
    stem = posixpath.basename(item.rel).rsplit(".", 1)[0]
    slug = slugify(item.title) or slugify(stem)
    if not slug:
        # A title in a script slugify cannot fold (e.g. Japanese): a stable, unique fallback.
        slug = (
            "article-" + hashlib.sha256(os.fsencode(posixpath.basename(item.rel))).hexdigest()[:8]
        )
    # "index" names a folder's section page; an article cannot take it.
    return slug if slug != "index" else "index-page"


def folder_of(item: Surveyed, flat: bool) -> str:
    if flat:
        return ""
    parts = item.rel.split("/")[:-1]
    if item.role == "bundle" and parts:
        parts = parts[:-1]
    slugs = [slugify(part) or "folder" for part in parts]
    return "/".join(slugs)


def _acceptable(existing: str, folder: str, base: str) -> bool:
    where, _sep, name = existing.rpartition("/")
    if where != folder:
        return False
    if name == base:
        return True
    numbered = _NUMBERED.match(name)
    return bool(numbered and numbered["base"] == base)


def lay_out(
    items: Sequence[Surveyed],
    index: PageIndex,
    keys: Mapping[int, str],
    shas: Mapping[int, str],
    *,
    flat: bool,
) -> Layout:
    """Give every imported item a name below DEST (see the module's docstring)."""
    layout = Layout()
    wanted: dict[int, str] = {}
    claimed: set[str] = set()
    movers: list[Surveyed] = []
    for item in items:
        if not item.imported or (flat and item.role == "section" and not item.has_body):
            continue
        folder = folder_of(item, flat)
        base = "index" if item.role == "section" and not flat else slug_base(item)
        desired = f"{folder}/{base}" if folder else base
        wanted[id(item)] = desired
        existing = index.by_source.get(keys[id(item)])
        if existing is None or existing in claimed:
            movers.append(item)
            continue
        same_source = index.source_sha.get(existing) == shas[id(item)]
        if _acceptable(existing, folder, base) or (
            not same_source and existing.rpartition("/")[0] == folder
        ):
            layout.placements[id(item)] = Placement(existing)
            claimed.add(existing)
        else:
            movers.append(item)
    released = frozenset(
        existing
        for item in movers
        if (existing := index.by_source.get(keys[id(item)])) is not None and existing not in claimed
    )
    for item in movers:
        key = keys[id(item)]
        desired = wanted[id(item)]
        if desired.endswith("/index") or desired == "index":
            name, collided = desired, False
            if name in claimed or (index.owners.get(name, key) != key and name not in released):
                name, collided = index.free_name(desired + "-section", key, claimed, released)
        else:
            name, collided = index.free_name(desired, key, claimed, released)
        claimed.add(name)
        previous = index.by_source.get(key)
        moved = previous if previous is not None and previous != name else ""
        layout.placements[id(item)] = Placement(name, desired if collided else "", moved)
    return layout


def page_path(dest: Path, name: str) -> Path:
    return PageIndex(dest).path_for(name)
