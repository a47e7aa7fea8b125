"""The ``kb`` command line: import, check, build and serve a knowledge base.

Each sub-command lives in its own module exposing ``add_arguments(parser)`` and
``run(args) -> int``; exit status 0 is success, 1 a failure in the work, 2 a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: sub-command -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "import": ("sphinx_kb.importer.command", "turn CMS article exports into MyST pages"),
    "check": ("sphinx_kb.check.command", "report problems in the knowledge base"),
    "build": ("sphinx_kb.cli.build", "build html, pdf or epub with Sphinx"),
    "serve": ("sphinx_kb.cli.build", "live preview with sphinx-autobuild"),
}


def make_parser(selected: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the ``selected`` command's module is imported (fast start-up)."""
    parser = argparse.ArgumentParser(prog="kb", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name != selected:
            continue
        module = importlib.import_module(module_name)
        adder = getattr(module, f"add_{name}_arguments", None) or module.add_arguments
        adder(sub_parser)
        runner = getattr(module, f"run_{name}", None) or module.run
        sub_parser.set_defaults(func=runner)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    selected = next((arg for arg in argv if not arg.startswith("-")), None)
    parser = make_parser(selected)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
