"""Writing pages: slugs, the output front matter, idempotence, hand-edit protection.

A page is ``DEST/<slug>.md``: YAML front matter (``yaml.safe_dump``) then the body.
Its ``source`` record, the last key, holds the original path, the sha256 of the
original bytes and ``output_sha256``: the sha256 of the page text *without* that one
line.  On the next import the current file's hash is recomputed the same way; if
it differs the page was edited by hand and is kept unless ``--force``.  The same
record tells which existing page belongs to which source, so a source keeps its
slug across runs even when its title changes, and a collision never takes over
another article's page (nor a hand-written page without a record).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..articles.frontmatter import FrontMatterError, decode_bytes, split_front_matter
from ..fileio import atomic_write

try:
    from yaml import CSafeDumper as _SafeDumper
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeDumper as _SafeDumper  # type: ignore[assignment]

_OUTPUT_HASH = re.compile(r"^  output_sha256: [^\n]*\n", re.MULTILINE)
_FRONT_END = re.compile(r"^---[ \t]*$", re.MULTILINE)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dump_yaml(data: dict[str, Any]) -> str:
    """``yaml.safe_dump(data, sort_keys=False, allow_unicode=True)``, via libyaml when present.

    The C dumper uses the same safe representer and emits the same text, ten times
    faster; the emitter is the biggest cost of a large import.
    """
    return yaml.dump(data, Dumper=_SafeDumper, sort_keys=False, allow_unicode=True)


def _assemble(header: str, body: str) -> str:
    return f"---\n{header}---\n\n{body}" if body else f"---\n{header}---\n"


def finish_page(front: dict[str, Any], body: str, source: dict[str, str]) -> str:
    """The final page: ``front`` plus the ``source`` record with ``output_sha256``."""
    header = dump_yaml(front) if front else ""  # the record is the last key: dump apart
    record: dict[str, str] = dict(source)
    base = _assemble(header + dump_yaml({"source": record}), body)
    record["output_sha256"] = sha256_text(base)
    page = _assemble(header + dump_yaml({"source": record}), body)
    # The hash must be verifiable by deleting one line; check that it is.
    assert split_output_hash(page) == (base, record["output_sha256"])
    return page


def split_output_hash(page: str) -> tuple[str, str | None]:
    """(page without its ``output_sha256`` line, the recorded hash or None)."""
    if not page.startswith("---\n"):
        return page, None
    end = _FRONT_END.search(page, 4)
    if end is None:
        return page, None
    matches = list(_OUTPUT_HASH.finditer(page, 0, end.start()))
    if not matches:
        return page, None
    last = matches[-1]  # the source record is the last key
    value = last.group(0).split(":", 1)[1].strip().strip("'\"")
    return page[: last.start()] + page[last.end() :], value


def edited_by_hand(page: str) -> bool:
    """Whether an imported page no longer matches the hash recorded in it."""
    base, recorded = split_output_hash(page)
    return recorded is None or sha256_text(base) != recorded


@dataclass
class PageIndex:
    """Pages already in DEST: which slug each imported source has, and who owns a slug."""

    dest: Path
    #: slug -> source key of the importer's page, or "" for a page it did not write.
    owners: dict[str, str] = field(default_factory=dict)
    by_source: dict[str, str] = field(default_factory=dict)

    @classmethod
    def scan(cls, dest: Path) -> PageIndex:
        index = cls(dest)
        if not dest.is_dir():
            return index
        for page in sorted(dest.glob("*.md")):
            key = _source_key(page)
            index.owners[page.stem] = key
            if key:
                index.by_source.setdefault(key, page.stem)
        return index

    def assign(self, base: str, key: str, claimed: set[str]) -> tuple[str, bool]:
        """A slug for source ``key``: its existing page's, else ``base`` or ``base-N``.

        Returns (slug, collided) where collided means ``base`` was taken.
        """
        existing = self.by_source.get(key)
        if existing is not None and existing not in claimed:
            return existing, existing != base
        slug, number = base, 1
        while slug in claimed or self.owners.get(slug, key) != key:
            number += 1
            slug = f"{base}-{number}"
        return slug, slug != base

    def path_for(self, slug: str) -> Path:
        path = self.dest / f"{slug}.md"
        # A slug of [a-z0-9-] has no dot or slash, so DEST/<slug>.md stays in DEST.
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
            raise ValueError(f"unsafe slug {slug!r}")  # slugify makes this unreachable
        return path


def _source_key(page: Path) -> str:
    try:
        text = decode_bytes(page.read_bytes()).text
        data = split_front_matter(text).data
    except (OSError, FrontMatterError):
        return ""
    record = data.get("source")
    if (
        isinstance(record, dict)
        and isinstance(record.get("path"), str)
        and record.get("output_sha256")
    ):
        return record["path"]
    return ""


@dataclass(frozen=True)
class WriteOutcome:
    status: str  # created, updated, unchanged, kept
    previous: str | None  # the page's old text, for --dry-run diffs


def write_page(path: Path, page: str, *, force: bool, dry_run: bool) -> WriteOutcome:
    """Write ``page`` to ``path`` unless unchanged, or edited by hand (without force)."""
    try:
        previous = path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        previous = None
    if previous is None:
        status = "created"
    elif previous == page:
        return WriteOutcome("unchanged", previous)
    elif edited_by_hand(previous) and not force:
        return WriteOutcome("kept", previous)
    else:
        status = "updated"
    if not dry_run:
        atomic_write(path, page)
    return WriteOutcome(status, previous)


def plain_value(value: Any) -> Any:
    """Make a front matter value (YAML or TOML) safe to dump with ``yaml.safe_dump``."""
    if isinstance(value, dict):
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain_value(v) for v in value), key=str)
    if value is None or isinstance(value, (str, int, float, bool, bytes, dt.date)):
        return value  # dt.datetime is a dt.date too
    # TOML times (and anything exotic) have no safe YAML form: keep them as text.
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
