"""Finding the files to import.

A file named on the command line is read whatever its extension; folders are
searched recursively for the configured patterns (``*.md``, ``*.markdown``,
``*.txt`` by default).  Hidden files and folders are skipped, and so is the
destination folder, so importing a tree that contains it never re-imports output.

Symbolic links are followed only while they stay inside the folder named on the
command line: a link out of it (``secret.md -> /etc/passwd``) or a link loop is
refused for that file, with a message, and the rest of the import goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from ..fileio import confined, is_within
from .mapping import UsageError


@dataclass(frozen=True)
class Source:
    #: The path as shown to the user (as given, or below the folder given).
    path: Path
    #: Resolved path, for identity.
    resolved: Path


@dataclass(frozen=True)
class Refused:
    """A file found but not read, and why (a link out of SRC, a link loop)."""

    path: Path
    reason: str


def _walk(
    folder: Path, patterns: Sequence[str], skip: Path | None, refused: list[Refused] | None
) -> Iterable[Path]:
    def unreadable(exc: OSError) -> None:
        # os.walk skips a folder it cannot list; say so rather than import less quietly.
        if refused is not None and exc.filename is not None:
            refused.append(Refused(Path(exc.filename), f"folder cannot be read: {exc.strerror}"))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        here = Path(root)
        # Sorted, in place: a stable order makes slug collision suffixes stable.
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and not (skip is not None and (here / d).resolve() == skip)
        )
        for name in sorted(files):
            if not name.startswith(".") and any(fnmatch(name, p) for p in patterns):
                yield here / name


def find_sources(
    paths: Sequence[Path],
    patterns: Sequence[str],
    *,
    exclude: Path | None = None,
    refused: list[Refused] | None = None,
) -> list[Source]:
    """Files to import from ``paths``, in a stable order, each once.

    Files refused (see the module's note) are appended to ``refused``.
    """
    skip = exclude.resolve() if exclude is not None else None
    found: list[Source] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            candidates: Iterable[Path] = _walk(path, patterns, skip, refused)
            root: Path | None = path
        elif path.is_file():
            # A file named on the command line is the user's explicit choice.
            candidates, root = [path], None
        elif path.is_symlink():
            raise UsageError(f"{path}: a broken or looping symbolic link")
        else:
            raise UsageError(f"{path}: no such file or folder")
        for candidate in candidates:
            if root is None:
                resolved: Path | None = candidate.resolve()
            else:
                resolved, reason = confined(candidate, root)
                if resolved is None:
                    if refused is not None:
                        refused.append(Refused(candidate, reason))
                    continue
            if resolved in seen or (skip is not None and is_within(resolved, skip)):
                continue
            seen.add(resolved)
            found.append(Source(candidate, resolved))
    return found


def source_key(source: Source, base: Path, roots: tuple[Path, ...] = ()) -> str:
    """The source's path as recorded in its page: never this machine's absolute path."""
    try:
        return source.resolved.relative_to(base).as_posix()
    except ValueError:
        pass
    for root in roots:
        try:
            return f"{root.name}/{source.resolved.relative_to(root).as_posix()}"
        except ValueError:
            continue
    return source.resolved.name
