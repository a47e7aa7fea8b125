"""``kb import``'s command-line options: the core ones, and those for migrating a whole
site (see README, "Migrating a site")."""

from __future__ import annotations

import argparse
from pathlib import Path

from .mapping import DEFAULT_PATTERNS, UsageError
from .sites import GENERATORS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sources",
        nargs="*",
        type=Path,
        metavar="SRC",
        help="files or folders to import (default: the --cms-config collection's folder)",
    )
    parser.add_argument("--dest", type=Path, help="folder for the pages, e.g. docs/articles")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=KEY[,KEY...]",
        help="read FIELD (title, date, description, tags, authors, image) from KEY(s)",
    )
    parser.add_argument(
        "--cms-config", type=Path, metavar="FILE", help="a Decap/Netlify CMS config.yml"
    )
    parser.add_argument("--collection", metavar="NAME", help="the CMS collection to import")
    parser.add_argument(
        "--media",
        type=Path,
        metavar="DIR",
        help="where referenced images are found; they are copied to DEST/../media/",
    )
    parser.add_argument(
        "--pattern",
        action="append",
        default=[],
        metavar="GLOB",
        help=f"file names to import from folders (default: {' '.join(DEFAULT_PATTERNS)})",
    )
    parser.add_argument("--force", action="store_true", help="overwrite pages edited by hand")
    parser.add_argument("--dry-run", action="store_true", help="write nothing; show changes")
    parser.add_argument("--diff", action="store_true", help="with --dry-run, print diffs")
    parser.add_argument("--report", type=Path, metavar="FILE.json", help="write a JSON report")
    add_site_arguments(parser)


def add_site_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("migrating a site")
    group.add_argument(
        "--generator",
        choices=GENERATORS,
        default="auto",
        help="the site generator the export comes from (default: found from its configuration)",
    )
    group.add_argument(
        "--site-url",
        action="append",
        default=[],
        metavar="URL",
        help="the old site's address: full links to it are rewritten like site-relative ones",
    )
    group.add_argument(
        "--permalink",
        metavar="PATTERN",
        help="the old site's URL pattern, e.g. /:year/:month/:title/ (tokens: :year :month "
        ":day :title :slug :categories :section :filename)",
    )
    group.add_argument(
        "--var",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a value for {{ site.NAME }} and Hugo's param shortcode",
    )
    group.add_argument(
        "--flat",
        action="store_true",
        help="write every page straight into --dest (default: keep the source folders)",
    )
    group.add_argument(
        "--include-drafts", action="store_true", help="also import drafts (draft: true)"
    )
    group.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="leave out files whose path below SRC (or whose name) matches GLOB",
    )
    group.add_argument(
        "--redirects",
        type=Path,
        metavar="FILE.json",
        help="where the old URLs' redirects are kept (default: the project's "
        "kb_redirects_file, docs/redirects.json)",
    )
    group.add_argument(
        "--no-redirects", action="store_true", help="write no redirects for the old URLs"
    )
    group.add_argument(
        "--glossary",
        action="store_true",
        help="SRC holds one page per glossary term: merge them into the glossary page "
        "(--dest is the glossary page, e.g. docs/glossary.md)",
    )


def parse_variables(values: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for text in values:
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--var {text!r}: expected NAME=VALUE, e.g. site.title='My blog'")
        found[name.strip().casefold()] = value
    return found
