"""One ``kb import`` at a time per destination.

Two imports writing the same ``--dest`` at once both decide a page name is free and
both write it, so one loses pages (issue 19: 176 of 400 articles gone, both runs
exit 0).  The destination is locked for the whole run with ``flock`` on a hidden
file in it; a second run sees the lock and stops at once, before reading anything,
with a message naming the running one.  ``flock`` locks go with the process, so a
killed import never leaves a stale lock behind (only an unlocked, empty-of-meaning
file, which the next run reuses).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Hidden: Sphinx and ``kb import`` both skip dot files.
LOCK_NAME = ".kb-import.lock"


class DestinationBusy(Exception):
    """Another process holds the destination's lock."""

    def __init__(self, dest: Path, holder: str) -> None:
        who = f" (process {holder})" if holder else ""
        super().__init__(
            f"another kb import is writing to {dest}{who}; run this one again when it has finished"
        )


@contextmanager
def locked(dest: Path) -> Iterator[None]:
    """Hold ``dest``'s import lock; :class:`DestinationBusy` if another run has it.

    The lock file is removed when the run ends, so no trace is left in the folder.
    ``OSError`` (a read-only or missing destination) goes to the caller.
    """
    dest.mkdir(exist_ok=True)
    path = dest / LOCK_NAME
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise DestinationBusy(dest, holder) from None
        # The file may have been removed by the run that held it just before we got
        # the lock: a lock on a removed file locks nothing, so take a fresh one.
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        # Who holds it, for the other run's message; the lock is the flock, not this.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        Path(path).unlink(missing_ok=True)  # still holding the lock: see above
        os.close(fd)
