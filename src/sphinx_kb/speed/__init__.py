"""Speed machinery, apart from features: memory, parallel readers and writers, and the
processes they fork."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from . import memory, parallel_read, parallel_write, processes

    processes.install()
    for module in (memory, parallel_read, parallel_write):
        module.setup(app)
