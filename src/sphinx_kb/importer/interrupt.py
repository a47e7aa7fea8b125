"""Ctrl-C during ``kb import``: finish the page being written, then stop."""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any


class StopOnInterrupt:
    """Ctrl-C finishes the page being written, then stops (a second Ctrl-C aborts).

    Pages are written atomically anyway; stopping between files also guarantees no
    temporary file is left behind by an interruption.
    """

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self) -> StopOnInterrupt:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
