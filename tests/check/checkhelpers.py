"""Helpers for ``kb check`` tests: running the command in-process, writing project files."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx_kb.cli import main

BASE = Path(__file__).resolve().parents[1] / "roots" / "test-hostile-check"


@dataclass
class Run:
    status: int
    stdout: str
    stderr: str

    @property
    def report(self) -> dict[str, Any]:
        return json.loads(self.stdout)

    def codes(self) -> list[tuple[str, str, int | None]]:
        return sorted((p["path"], p["code"], p["line"]) for p in self.report["problems"])


def run_check(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", *args])
    return Run(status, out.getvalue(), err.getvalue())


def write(project: Path, rel: str, text: str) -> Path:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article(title: str, body: str = "Body.", **fields: str) -> str:
    lines = [f"title: {title}", "date: 2022-05-01", "description: A summary.", "tags: [cancer]"]
    for key, value in fields.items():
        lines = [line for line in lines if not line.startswith(f"{key}:")] + [f"{key}: {value}"]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"
