"""Findings and their two presentations: a rich table for people, JSON for tools."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from typing import IO

from ..problems import LEVELS, SEVERITY, Level, Problem


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where (project-relative POSIX path, 1-based line), how bad, what."""

    path: str
    line: int | None
    level: Level
    code: str
    message: str

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line or 0, -SEVERITY[self.level], self.code, self.message)

    @classmethod
    def of(cls, path: str, problem: Problem) -> Finding:
        return cls(path, problem.line, problem.level, problem.code, problem.message)

    def format(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.level}: {self.message} [{self.code}]"


def counts(findings: list[Finding]) -> dict[str, int]:
    found = Counter(f.level for f in findings)
    return {level: found.get(level, 0) for level in LEVELS}


def exit_status(findings: list[Finding], fail_on: Level) -> int:
    """1 when anything is at or above ``fail_on``, else 0."""
    threshold = SEVERITY[fail_on]
    return int(any(SEVERITY[f.level] >= threshold for f in findings))


def to_json(findings: list[Finding], *, root: str, articles: int, pages: int) -> str:
    payload = {
        "root": root,
        "articles": articles,
        "pages": pages,
        "counts": counts(findings),
        "problems": [asdict(f) for f in findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def print_table(
    findings: list[Finding], *, root: str, articles: int, pages: int, file: IO[str] | None = None
) -> None:
    """A table (level, location, problem and its code), then a one-line summary."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    # Content is untrusted: escape() keeps "[bold]" in a title literal for rich.
    console = Console(file=file, highlight=False, width=None if _is_tty(file) else 120)
    scope = f"{_count(articles, 'article')} and {_count(pages, 'other page')} checked in {root}"
    if findings:
        table = Table(expand=True, show_edge=False, pad_edge=False)
        table.add_column("Level", no_wrap=True, min_width=7)
        table.add_column("Location", overflow="fold", ratio=2)
        table.add_column("Problem", overflow="fold", ratio=3)
        for finding in findings:
            where = finding.path if finding.line is None else f"{finding.path}:{finding.line}"
            table.add_row(
                f"[{_STYLE[finding.level]}]{finding.level}[/]",
                escape(where),
                f"{escape(finding.message)} [dim]\\[{escape(finding.code)}][/]",
            )
        console.print(table)
    summary = counts(findings)
    parts = [f"{n} {level}{'s' if n != 1 else ''}" for level, n in summary.items() if n]
    console.print(f"{', '.join(parts) or 'No problems'}: {scope}.", markup=False)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _is_tty(file: IO[str] | None) -> bool:
    import sys

    stream = file if file is not None else sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())
