"""``kb check [PATH]``: report problems; exit 0 when clean, 1 at ``--fail-on``, 2 on misuse."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .report import LEVELS, exit_status, print_table, to_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path",
        nargs="?",
        default=".",
        metavar="PATH",
        help="the project folder, the one holding conf.py (default: the current folder)",
    )
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="a readable table (default) or JSON for tools",
    )
    parser.add_argument(
        "--fail-on",
        choices=LEVELS,
        default="error",
        help="exit with status 1 when a problem at this level or above is found (default: error)",
    )


def run(args: argparse.Namespace) -> int:
    from .project import ProjectError
    from .rules import check

    root = Path(args.path)
    if not root.is_dir():
        print(f"kb check: {root} is not a folder", file=sys.stderr)
        return 2
    try:
        result = check(root.resolve())
    except ProjectError as exc:
        print(f"kb check: {exc}", file=sys.stderr)
        return 2
    shown = str(root)
    if args.format == "json":
        sys.stdout.write(
            to_json(result.findings, root=shown, articles=result.articles, pages=result.pages)
            + "\n"
        )
    else:
        print_table(result.findings, root=shown, articles=result.articles, pages=result.pages)
    return exit_status(result.findings, args.fail_on)
