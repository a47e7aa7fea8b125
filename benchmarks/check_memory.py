"""Does ``kb check`` memory grow with the site, and no faster?  Target: <= 1 GB at 50k.

    .venv/bin/python benchmarks/check_memory.py [--articles 1000,5000,10000] [--output FILE]

For each size a project is generated with ``check_bench.make_project`` (articles like
the seed article, one in a hundred with a problem) and ``kb check PROJECT --format json``
runs in a child process; its peak resident set size (``ru_maxrss`` of that child
alone, from ``os.wait4``) and wall time are printed, with the growth per 1,000
articles between consecutive sizes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import check_bench  # benchmarks/check_bench.py; the script's folder is on sys.path

HERE = Path(__file__).resolve().parent


def measure(root: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, wall seconds, problems found) of one ``kb check``."""
    command = [sys.executable, "-m", "sphinx_kb.cli.main", "check", str(root), "--format", "json"]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"kb check failed ({code})")
        out.seek(0)
        report = json.loads(out.read())
    problems = sum(report["counts"].values()) if isinstance(report["counts"], dict) else 0
    return usage.ru_maxrss / 1024, elapsed, problems  # ru_maxrss is in KB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="1000,5000,10000", help="comma-separated sizes")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "check_memory.json")
    args = parser.parse_args(argv)
    rows = []
    for count in (int(n) for n in args.articles.split(",")):
        work = Path(tempfile.mkdtemp(prefix="kb-check-memory-"))
        try:
            check_bench.make_project(work, count)
            peak, seconds, problems = measure(work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        rows.append({"articles": count, "peak_mb": round(peak), "seconds": round(seconds, 1)})
        rows[-1]["problems"] = problems
        print(json.dumps(rows[-1]), file=sys.stderr)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print("| articles | peak RSS MB | MB per 1k more | seconds | problems |")
    print("|---:|---:|---:|---:|---:|")
    for before, row in zip([None, *rows], rows, strict=False):
        growth = "-"
        if before is not None:
            per = (row["peak_mb"] - before["peak_mb"]) / (row["articles"] - before["articles"])
            growth = f"{per * 1000:.0f}"
        print(
            f"| {row['articles']} | {row['peak_mb']} | {growth} | {row['seconds']} "
            f"| {row['problems']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
