"""What is wrong with an input, said once: a level, a message, the line, a code.

The importer, the build and ``kb check`` all describe problems with
:class:`Problem` (relative to one file); ``kb check`` places them in the project
as ``check.report.Finding``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")
#: Higher is more severe; ``kb check --fail-on`` compares against these.
SEVERITY: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file; ``line`` is 1-based in it."""

    level: Level
    message: str
    line: int | None = None
    code: str = ""

    def format(self, path: str) -> str:
        where = path if self.line is None else f"{path}:{self.line}"
        return f"{where}: {self.level}: {self.message}"


def log_problem(problem: Problem, *, docname: str = "", path: str = "", subtype: str = "") -> None:
    """Report ``problem`` in the Sphinx build, located in page ``docname`` (Sphinx
    makes the path) or in the file at ``path``; info-level problems are not logged."""
    from sphinx.util import logging

    if problem.level == "info":
        return
    location: Any = (docname, problem.line)
    if not docname:
        # A location without ":" is taken by Sphinx for a docname (and given a source
        # suffix: "tags.yml.rst"); "path:" is Sphinx's own form for a file without a line.
        location = f"{path}:{problem.line}" if problem.line else f"{path}:"
    logger = logging.getLogger("sphinx_kb")
    log = logger.error if problem.level == "error" else logger.warning
    log(problem.message, location=location, type="kb", subtype=subtype or problem.code)
