"""``kb import SRC... --dest DIR``: turn CMS articles into the knowledge base's MyST pages.

Exit status: 0 when every file was imported (warnings allowed), 1 when any file
failed, 2 for a usage error (no inputs, a missing destination parent, a bad
``--map``...).  Each problem is one line on stderr, ``path[:line]: level: message``;
a summary table goes to stdout at the end, and ``--report`` writes every file's
details as JSON.  See the modules of this package for each step.
"""

from __future__ import annotations

import argparse
import difflib
import os
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..articles.model import Problem
from .convert import convert
from .interrupt import StopOnInterrupt
from .lock import DestinationBusy, locked
from .mapping import (
    DEFAULT_PATTERNS,
    CmsCollection,
    FieldMap,
    UsageError,
    build_field_map,
    find_pyproject,
    parse_map_option,
    read_cms_config,
    read_project_settings,
)
from .media import MediaSettings, media_dest_for
from .options import add_arguments as add_arguments  # read by the command line (cli.main)
from .report import FileReport, ImportReport
from .sources import Refused, Source, find_sources, source_key
from .writer import finish_page, write_page

#: Show a progress bar from this many files on (and only on a terminal).
PROGRESS_THRESHOLD = 20


@dataclass(frozen=True)
class Plan:
    dest: Path
    sources: list[Source]
    field_map: FieldMap
    media: MediaSettings | None
    #: Folder that stored source paths are relative to.
    base: Path
    #: The folders named on the command line (paths below them are kept as folders).
    roots: tuple[Path, ...] = ()
    #: Files found but not read (links out of SRC, link loops, unreadable folders).
    refused: tuple[Refused, ...] = ()


def _project_base(dest: Path) -> Path:
    """The project holding DEST (pyproject.toml or .git), else the current folder."""
    for folder in (dest, *dest.parents):
        if (folder / "pyproject.toml").is_file() or (folder / ".git").exists():
            return folder
    return Path.cwd().resolve()


def make_plan(args: argparse.Namespace) -> Plan:
    """Settings from the command line, pyproject.toml and a CMS config; UsageError if wrong."""
    command_map = dict(parse_map_option(text) for text in args.map)
    project = read_project_settings(find_pyproject(Path.cwd()))
    dest = args.dest or project.dest
    if dest is None:
        raise UsageError("--dest is required (or set dest in [tool.sphinx-kb.import])")
    if dest.exists() and not dest.is_dir() and not getattr(args, "glossary", False):
        raise UsageError(f"--dest {dest}: not a folder")
    if args.report is not None and args.report.is_dir():
        raise UsageError(f"--report {args.report}: a folder; name a file (report.json)")
    if not dest.parent.is_dir():
        raise UsageError(f"--dest {dest}: its parent folder {dest.parent} does not exist")
    cms: CmsCollection | None = None
    cms_path = args.cms_config or project.cms_config
    if cms_path is not None:
        cms = read_cms_config(cms_path, args.collection or project.collection)
    elif args.collection:
        raise UsageError("--collection needs --cms-config")
    patterns = tuple(args.pattern) or project.patterns
    if not patterns and cms is not None and cms.extension:
        patterns = (f"*.{cms.extension.lstrip('.')}",)
    paths = list(args.sources)
    if not paths:
        if cms is None:
            raise UsageError("no inputs: name SRC files or folders, or give --cms-config")
        if not cms.folder.is_dir():
            raise UsageError(
                f"no inputs: the {cms.name!r} collection's folder {cms.folder} does not exist "
                "(name SRC explicitly)"
            )
        paths = [cms.folder]
    refused: list[Refused] = []
    sources = find_sources(paths, patterns or DEFAULT_PATTERNS, exclude=dest, refused=refused)
    if not sources and refused:
        raise UsageError(f"no inputs: {refused[0].path}: {refused[0].reason}")
    if not sources:
        raise UsageError(f"no inputs: no files to import in {', '.join(map(str, paths))}")
    media: MediaSettings | None = None
    media_root = args.media or project.media
    if media_root is not None:
        if not media_root.is_dir():
            raise UsageError(f"--media {media_root}: no such folder")
        media = MediaSettings(
            root=media_root,
            dest=media_dest_for(dest),
            public_folder=cms.public_folder if cms else "",
            media_folder=cms.media_folder if cms else "",
        )
    field_map = build_field_map(
        cms=cms.field_map if cms else None,
        project=project.field_map,
        command_line=command_map,
    )
    roots = tuple(p.resolve() if p.is_dir() else p.resolve().parent for p in paths)
    base = _project_base(dest.resolve())
    return Plan(dest, sources, field_map, media, base, roots, tuple(refused))


def run(args: argparse.Namespace) -> int:
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        plan = make_plan(args)
    except UsageError as exc:
        errors.print(f"kb import: error: {exc}", markup=False)
        return 2
    glossary = getattr(args, "glossary", False)
    with ExitStack() as stack:
        if not args.dry_run:
            # The glossary import writes one file: lock the folder it is in.
            folder = plan.dest.parent if glossary else plan.dest
            try:
                stack.enter_context(locked(folder))
            except DestinationBusy as exc:
                errors.print(f"kb import: error: {exc}", markup=False)
                return 2
            except OSError as exc:
                errors.print(f"kb import: error: {_cannot_write(exc, folder)}", markup=False)
                return 1
        return _run(plan, args, errors)


def _cannot_write(exc: OSError, path: Path) -> str:
    return f"cannot write to {exc.filename or path}: {exc.strerror or exc}"


def _run(plan: Plan, args: argparse.Namespace, errors: Console) -> int:
    try:
        if getattr(args, "glossary", False):
            from .glossary_import import run_glossary

            return run_glossary(plan, args, errors)
        from .site_import import prepare_site

        site = prepare_site(plan, args)
    except UsageError as exc:
        errors.print(f"kb import: error: {exc}", markup=False)
        return 2
    report = ImportReport(str(plan.dest), dry_run=args.dry_run)
    out = Console(highlight=False, soft_wrap=True)
    progress = Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
        disable=len(plan.sources) < PROGRESS_THRESHOLD or not errors.is_terminal,
    )
    failure: OSError | None = None
    with progress, StopOnInterrupt() as stop:
        task = progress.add_task("import", total=len(plan.sources))
        for refusal in plan.refused:
            item = FileReport(str(refusal.path))
            item.problems.append(Problem("error", refusal.reason, None, "refused"))
            report.files.append(item)
            progress.console.print(item.problems[0].format(item.source), markup=False)
        for item in site.items:
            if stop.requested:
                break
            try:
                report.files.append(site.import_one(item, plan, args, _import_one))
            except OSError as exc:
                # A full or read-only destination: every later file would fail the
                # same way.  Pages written so far are whole (written by rename).
                failure = exc
                break
            for problem in report.files[-1].problems:
                progress.console.print(problem.format(report.files[-1].source), markup=False)
            if args.dry_run and report.files[-1].status in ("created", "updated"):
                word = report.status_word(report.files[-1].status)
                out.print(f"{word} {report.files[-1].output}", markup=False)
            progress.advance(task)
        if not stop.requested and failure is None:
            try:
                site.finish(report, dry_run=args.dry_run)
            except OSError as exc:
                failure = exc
            for line in site.messages:
                progress.console.print(line, markup=False)
    if args.dry_run and args.diff:
        for item in report.files:
            if item.diff:
                out.print(item.diff, markup=False, end="")
    report.print_summary(out)
    if args.report is not None:
        try:
            report.write_json(args.report)
        except OSError as exc:
            errors.print(f"kb import: error: the report: {_cannot_write(exc, args.report)}")
            failure = failure or exc
    if failure is not None:
        done = sum(f.status != "failed" for f in report.files)
        errors.print(
            f"kb import: error: {_cannot_write(failure, plan.dest)}; stopped with {done} of "
            f"{len(plan.sources)} files written (each one whole)",
            markup=False,
        )
        return 1
    if stop.requested:
        done = len(report.files)
        errors.print(f"kb import: interrupted after {done} of {len(plan.sources)} files")
        return 130
    return 1 if report.failed else 0


def _import_one(
    source: Source,
    plan: Plan,
    path: Path,
    args: argparse.Namespace,
    migration: Any = None,
    finish: Any = None,
) -> FileReport:
    """Convert one source and write it to ``path`` (``finish`` may rework the page)."""
    item = FileReport(str(source.path))
    converted = convert(
        source.path,
        field_map=plan.field_map,
        page_dir=path.parent,
        media=plan.media,
        migration=migration,
    )
    item.repairs = converted.repairs
    item.glossary = converted.glossary
    item.problems = list(converted.problems)
    if converted.error is not None:
        item.problems.append(converted.error)
        return item
    item.output = str(path)
    record = {"path": source_key(source, plan.base, plan.roots), "sha256": converted.sha256}
    front, body = converted.front, converted.body
    if finish is not None:
        front, body = finish(front, body)
    page = finish_page(front, body, record)
    outcome = write_page(path, page, force=args.force, dry_run=args.dry_run)
    item.status = outcome.status
    if outcome.status == "kept":
        message = f"{path} was edited by hand since it was imported; not overwritten (use --force)"
        item.problems.append(Problem("warning", message, None, "edited"))
    elif converted.media is not None and not args.dry_run:
        item.images_copied = converted.media.write()
    if args.dry_run and args.diff and outcome.status in ("created", "updated"):
        item.diff = "".join(
            difflib.unified_diff(
                (outcome.previous or "").splitlines(keepends=True),
                page.splitlines(keepends=True),
                fromfile=os.fspath(path) if outcome.previous is not None else "/dev/null",
                tofile=os.fspath(path),
            )
        )
    return item
