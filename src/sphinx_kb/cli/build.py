"""``kb build`` and ``kb serve``: thin wrappers over sphinx-build and sphinx-autobuild."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

TARGETS = {"html": "html", "pdf": "latexpdf", "epub": "epub"}


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", nargs="?", default="html", choices=sorted(TARGETS))
    parser.add_argument("--source", default=".", help="folder holding conf.py (default: .)")
    parser.add_argument("--out", default="_build", help="build folder (default: _build)")
    parser.add_argument("-j", "--jobs", default="1", help="parallel jobs, or 'auto'")
    parser.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (-W --keep-going -n)"
    )


def sphinx_command(args: argparse.Namespace) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-M",
        TARGETS[args.target],
        args.source,
        args.out,
        "-j",
        str(args.jobs),
    ]
    if args.strict:
        command += ["-W", "--keep-going", "-n"]
    return command


def run_build(args: argparse.Namespace) -> int:
    if not (Path(args.source) / "conf.py").is_file():
        print(f"kb build: no conf.py in {args.source}", file=sys.stderr)
        return 2
    if args.target == "pdf" and shutil.which("latexmk") is None:
        print("kb build pdf: latexmk is not installed (see README, 'PDF')", file=sys.stderr)
        return 2
    return subprocess.call(sphinx_command(args))


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", default=".", help="folder holding conf.py (default: .)")
    parser.add_argument("--out", default="_build/html", help="output folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")


def run_serve(args: argparse.Namespace) -> int:
    if not (Path(args.source) / "conf.py").is_file():
        print(f"kb serve: no conf.py in {args.source}", file=sys.stderr)
        return 2
    # Generated pages live in docs/tags and docs/archive; watching them would loop.
    command = [
        sys.executable,
        "-m",
        "sphinx_autobuild",
        args.source,
        args.out,
        "--host",
        args.host,
        "--port",
        str(args.port),
        "--ignore",
        "*/docs/tags/*",
        "--ignore",
        "*/docs/archive/*",
        "--ignore",
        "*/_build/*",
        "--ignore",
        "*/.venv/*",
    ]
    # Become sphinx-autobuild rather than wait for it: stopping "kb serve" (Ctrl-C,
    # a signal from a supervisor) then stops the server too, never orphaning it.
    os.execv(sys.executable, command)
    return 0  # pragma: no cover - execv does not return
