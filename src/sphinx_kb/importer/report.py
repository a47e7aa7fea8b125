"""What happened to each file: the JSON report (``--report``) and the summary table."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from ..articles.model import Problem
from ..fileio import atomic_write
from .repair import GlossaryCandidate

#: Status words, in the order the summary lists them.
STATUSES = ("created", "updated", "unchanged", "kept", "failed")
_DRY = {"created": "would create", "updated": "would update", "kept": "kept", "unchanged": ""}


@dataclass
class FileReport:
    source: str
    status: str = "failed"
    output: str | None = None
    slug: str | None = None
    #: The slug the title asked for, when another page already had it.
    collided_with: str | None = None
    repairs: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    glossary: list[GlossaryCandidate] = field(default_factory=list)
    images_copied: int = 0
    #: Unified diff of the page (``--dry-run --diff`` only).
    diff: str = ""

    def lines(self, level: str) -> list[str]:
        return [p.format(self.source) for p in self.problems if p.level == level]

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "status": self.status,
            "output": self.output,
            "slug": self.slug,
            "slug_collision": self.collided_with,
            "repairs": dict(sorted(self.repairs.items())),
            "errors": self.lines("error"),
            "warnings": self.lines("warning"),
            "notes": self.lines("info"),
            "glossary_candidates": [
                {"term": g.term, "definition": g.definition, "line": g.line} for g in self.glossary
            ],
            "images_copied": self.images_copied,
        }


@dataclass
class ImportReport:
    dest: str
    dry_run: bool = False
    files: list[FileReport] = field(default_factory=list)

    def statuses(self) -> Counter[str]:
        return Counter(f.status for f in self.files)

    def repairs(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for item in self.files:
            total.update(item.repairs)
        return total

    @property
    def failed(self) -> bool:
        return any(f.status == "failed" for f in self.files)

    def as_json(self) -> dict[str, Any]:
        return {
            "dest": self.dest,
            "dry_run": self.dry_run,
            "summary": {s: self.statuses().get(s, 0) for s in STATUSES},
            "repairs": dict(sorted(self.repairs().items())),
            "files": [f.as_json() for f in self.files],
        }

    def write_json(self, path: Path) -> None:
        text = json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n"
        atomic_write(path, text)

    def status_word(self, status: str) -> str:
        return _DRY.get(status, status) if self.dry_run else status

    def summary_table(self) -> Table:
        title = "kb import (dry run: nothing written)" if self.dry_run else "kb import"
        table = Table(title=title, show_header=True, header_style="bold")
        table.add_column("result")
        table.add_column("files", justify="right")
        statuses = self.statuses()
        for status in STATUSES:
            if statuses.get(status):
                label = self.status_word(status) or status
                if status == "kept":
                    label = "kept (edited by hand; --force overwrites)"
                table.add_row(label, str(statuses[status]))
        table.add_row("[b]total[/b]", f"[b]{len(self.files)}[/b]")
        repairs = self.repairs()
        if repairs:
            table.add_section()
            for name, count in sorted(repairs.items()):
                table.add_row(f"repair: {name}", str(count))
        glossary = sum(len(f.glossary) for f in self.files)
        warnings = sum(len(f.lines("warning")) for f in self.files)
        table.add_section()
        table.add_row("glossary candidates", str(glossary))
        table.add_row("warnings", str(warnings))
        return table

    def print_summary(self, console: Console) -> None:
        console.print(self.summary_table())
