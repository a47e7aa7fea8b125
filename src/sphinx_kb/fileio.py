"""Safe file writing: atomic replacement, and no rewrite when nothing changed."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A crash or interruption leaves either the old file or the new one, never half.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        # mkstemp makes the file 0600; a web server running as another user must be
        # able to read what we publish, so give it the mode open() would (0666 & ~umask).
        os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        # Interrupted (even by Ctrl-C): leave the old file, never a half-written one.
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    """The process's umask, read without changing it where Linux tells it (threads
    writing meanwhile never see a different one); else set and restored at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Atomically write ``data`` unless ``path`` already holds exactly it.

    Leaving unchanged files alone keeps their modification times, which is what
    Sphinx uses to decide what to re-read.  Returns whether the file was written.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            return False
    except (FileNotFoundError, IsADirectoryError):
        pass
    atomic_write(path, payload)
    return True


def read_json_object(path: Path) -> dict[str, Any]:
    """The JSON object a build left in ``path``; empty if missing, unreadable or not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def is_within(path: Path, root: Path) -> bool:
    """Whether ``path`` resolves inside ``root`` (symlinks and ``..`` included)."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def confined(path: Path, root: Path) -> tuple[Path | None, str]:
    """``path`` resolved, if it stays inside ``root`` and is a regular file.

    Returns ``(resolved, "")``, or ``(None, reason)`` when a symbolic link leads out of
    ``root``, loops, or ends nowhere, or when the path is not a regular file.  The one
    rule for reading untrusted trees (``kb import``'s SRC).
    """
    try:
        resolved = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return None, "a symbolic link loop; not read"
    except OSError as exc:
        if path.is_symlink():
            if exc.errno == errno.ELOOP:
                return None, "a symbolic link loop; not read"
            return None, "a symbolic link to nothing; not read"
        return None, f"cannot be read: {exc.strerror or exc}"
    if not is_within(resolved, root):
        return None, f"a symbolic link out of {root} (to {resolved}); not read"
    if not resolved.is_file():
        return None, "not a regular file; not read"
    return resolved, ""
