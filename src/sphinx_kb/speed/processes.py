"""No process outlives the build, even when the build is killed.

A ``-j`` build forks its readers and writers, and sphinx-sitemap forks a
``multiprocessing`` manager; a SIGKILLed build (which can run no clean-up) left
them running for good.  Every process forked from a build process asks the
kernel to kill it when its parent dies (Linux's ``PR_SET_PDEATHSIG``); elsewhere
nothing changes.  Processes started with ``subprocess`` (``exec``) are not forks
of the build and are left alone.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1

#: The process about to fork (set just before each fork).
_forking: list[int] = [0]
_HOOKED: list[bool] = []


def _before_fork() -> None:
    _forking[0] = os.getpid()


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: not Linux after all
        return
    if os.getppid() != _forking[0]:  # the parent died before the request took effect
        os._exit(1)


def install() -> None:
    """Once per process: forks made from now on die with the process that made them."""
    if _HOOKED or not sys.platform.startswith("linux"):
        return
    _HOOKED.append(True)
    os.register_at_fork(before=_before_fork, after_in_child=_die_with_parent)
