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
STATUSES = ("created", "updated", "unchanged", "merged", "kept", "skipped", "failed")
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
    #: Why the file was not imported (status "skipped").
    skipped: str = ""
    drafts: int = 0
    #: What migrating the site found out about this page (see :meth:`migration_from`).
    migration: dict[str, Any] = field(default_factory=dict)

    def migration_from(self, item: Any, migration: Any) -> None:
        links = migration.links
        self.migration = {
            "old_url": item.url,
            "aliases": list(item.aliases),
            "article": item.role != "section",
            "date": item.date.isoformat() if item.date else None,
            "date_origin": item.date_origin or None,
            "links_rewritten": links.rewritten,
            "links_left": [{"line": line, "url": url, "why": why} for line, url, why in links.left],
            "shortcodes_converted": migration.counts.get("shortcode-converted", 0)
            + migration.counts.get("shortcode-included", 0),
            "shortcodes_kept": migration.counts.get("shortcode-kept", 0)
            + self.repairs.get("shortcode", 0),
            "markup": {k: v for k, v in sorted(migration.counts.items()) if v},
        }
        for line, url, why in links.left:
            self.problems.append(
                Problem("info", f"link {url!r} left as it was: {why}", line, "link-left")
            )
        for line, message in [*links.notes, *migration.notes]:
            self.problems.append(Problem("warning", message, line, "markup"))
        self.problems.sort(key=lambda problem: problem.line or 0)

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
            **({"skipped": self.skipped} if self.skipped else {}),
            **({"migration": self.migration} if self.migration else {}),
        }


@dataclass
class ImportReport:
    dest: str
    dry_run: bool = False
    files: list[FileReport] = field(default_factory=list)
    #: Redirects written for old URLs (None: not asked for).
    redirects: int | None = None

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
            **({"migration": self.migration_summary()} if self.has_migration() else {}),
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
        if self.has_migration():
            table.add_section()
            for name, value in self.migration_summary().items():
                if isinstance(value, dict):
                    for origin, count in value.items():
                        table.add_row(f"{name.replace('_', ' ')}: {origin}", str(count))
                else:
                    table.add_row(name.replace("_", " "), str(value))
        table.add_section()
        table.add_row("glossary candidates", str(glossary))
        table.add_row("warnings", str(warnings))
        return table

    def has_migration(self) -> bool:
        return self.redirects is not None or any(f.migration or f.skipped for f in self.files)

    def migration_summary(self) -> dict[str, Any]:
        """Counts over every file: links, dates and their origins, drafts, shortcodes."""
        pages = [f.migration for f in self.files if f.migration]
        origins: Counter[str] = Counter(p["date_origin"] or "none" for p in pages if p["article"])
        return {
            "links_rewritten": sum(p["links_rewritten"] for p in pages),
            "links_left": sum(len(p["links_left"]) for p in pages),
            "dates_from": dict(sorted(origins.items())),
            "redirects": self.redirects or 0,
            "drafts_skipped": sum(f.drafts for f in self.files),
            "files_skipped": sum(1 for f in self.files if f.skipped),
            "shortcodes_converted": sum(p["shortcodes_converted"] for p in pages),
            "shortcodes_kept": sum(p["shortcodes_kept"] for p in pages),
        }

    def print_summary(self, console: Console) -> None:
        console.print(self.summary_table())
