"""``kb import --glossary SRC --dest docs/glossary.md``: one glossary from many term pages.

Glossary sites keep one page per term: its title is the term, an ``(ABBR)`` at the
end of the title is a synonym (``Application Programming Interface (API)``), as are
``synonyms``/``abbreviation`` front matter values; the body is the definition.
Each page becomes an entry of a ``{glossary}`` block in the glossary page, links
between term pages become ``{term}`` references (so auto-linking, hover and
"Used in" work on them), and each term page's old URL redirects to its entry.

The block sits between two comment lines; the second holds the block's hash, so a
block edited by hand is kept (``--force`` overwrites it).  Terms already defined
elsewhere in the glossary page are left to that definition and reported.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from ..articles.model import Problem
from ..fileio import atomic_write
from ..glossary.terms import parse_glossary, term_key
from .convert import convert
from .links import SiteMap
from .migration import Migration
from .myst_markup import fence_for
from .redirects import RedirectPlan, default_file
from .report import FileReport, ImportReport
from .sites import detect_site
from .sources import source_key
from .survey import Surveyed, survey

BEGIN = "% kb import --glossary: the entries below are rewritten by the next import"
END = "% kb import --glossary: end of imported entries; sha256 "
_ABBREVIATION = re.compile(r"^(?P<term>.+?)\s*\((?P<abbr>[^()]{1,40})\)\s*$")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")


@dataclass
class TermPage:
    item: Surveyed
    terms: list[str]
    definition: str = ""
    report: FileReport = field(default_factory=lambda: FileReport(""))


def terms_of(title: str, data: dict[str, Any]) -> list[str]:
    """The term lines of a page: its title, an ``(ABBR)`` in it, declared synonyms."""
    match = _ABBREVIATION.match(title)
    found = [match["term"], match["abbr"]] if match else [title]
    folded = {str(k).casefold(): v for k, v in data.items()}
    for key in ("abbreviation", "abbr", "acronym", "synonyms", "also"):
        value = folded.get(key)
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        found += [str(v) for v in values if isinstance(v, (str, int)) and str(v).strip()]
    clean = [" ".join(t.split()) for t in found]
    return list(dict.fromkeys(t for t in clean if t and not t.startswith(("-", ":"))))


def term_anchor(term: str) -> str:
    """The id Sphinx gives a glossary term (``term-Application-Programming-Interface``)."""
    text = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-zA-Z0-9._]+", "-", " ".join(text.split()))
    return "term-" + re.sub(r"^[-0-9._]+|-+$", "", text)


def _definition(body: str) -> str:
    """A page body as a glossary definition: headings become bold lines, indented 2."""
    lines = []
    fence = ""
    for line in body.strip("\n").split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = "" if fence and stripped.startswith(fence) else (fence or stripped[:3])
        heading = _HEADING.match(line) if not fence else None
        if heading:
            line = f"**{heading.group(2)}**"
        lines.append(f"  {line}" if line.strip() else "")
    return "\n".join(lines)


def run_glossary(plan: Any, args: argparse.Namespace, errors: Console) -> int:
    dest: Path = plan.dest
    site = detect_site(list(plan.roots), args.generator)
    site.site_urls[:0] = [url.rstrip("/") for url in args.site_url]
    items = survey(
        plan.sources,
        list(plan.roots),
        site,
        field_map=plan.field_map,
        excludes=args.exclude,
        drafts=args.include_drafts,
    )
    pages: list[TermPage] = []
    for item in items:
        if item.role in ("page", "bundle"):
            item.docname = _docname(dest)  # every term lands on the glossary page
            pages.append(TermPage(item, terms_of(item.title, item.data)))
    sitemap = SiteMap.build(items, site)
    terms = {id(page.item): page.terms[0] for page in pages}
    report = ImportReport(str(dest), dry_run=args.dry_run)
    for item in items:
        if item.role not in ("page", "bundle"):
            skipped = FileReport(str(item.source.path), status="skipped")
            skipped.skipped = item.reason or "a section page, not a term"
            report.files.append(skipped)
    for page in pages:
        migration = Migration(page.item, site, sitemap, {}, site.root or plan.roots[0], terms)
        converted = convert(
            page.item.source.path,
            field_map=plan.field_map,
            page_dir=dest.parent,
            media=plan.media,
            migration=migration,
        )
        page.report = FileReport(str(page.item.source.path), problems=list(converted.problems))
        page.report.repairs = converted.repairs
        if converted.error is not None:
            page.report.problems.append(converted.error)
            report.files.append(page.report)
            continue
        page.report.status = "merged"
        page.report.migration_from(page.item, migration)
        page.report.migration["article"] = False  # a term needs no date
        page.definition = _definition(converted.body)
        if converted.media is not None and not args.dry_run:
            page.report.images_copied = converted.media.write()
        report.files.append(page.report)
    status = _merge(dest, pages, report, force=args.force, dry_run=args.dry_run)
    keys = {id(item): source_key(item.source, plan.base, plan.roots) for item in items}
    redirects = RedirectPlan(
        args.redirects or default_file(dest.parent),
        dest.parent,
        site,
        set(keys.values()),
        keys,
    )
    for page in pages:
        if page.report.status == "merged" and not args.no_redirects:
            redirects.add(page.item, anchor=term_anchor(page.terms[0]))
    if not args.no_redirects:
        report.redirects = redirects.write(dry_run=args.dry_run)
    for item in report.files:
        for problem in item.problems:
            errors.print(problem.format(item.source), markup=False)
    report.print_summary(Console(highlight=False, soft_wrap=True))
    if args.report is not None:
        report.write_json(args.report)
    return 1 if report.failed or status == "kept" else 0


def _docname(dest: Path) -> str:
    return dest.with_suffix("").name  # below dest.parent, as RedirectPlan expects


def _merge(
    dest: Path, pages: list[TermPage], report: ImportReport, *, force: bool, dry_run: bool
) -> str:
    try:
        text = dest.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = "# Glossary\n"
    before, block, after = _split(text)
    if block and not force and not _block_intact(block):
        message = f"{dest}: the imported glossary entries were edited by hand; kept (--force)"
        report.files.append(
            FileReport(str(dest), status="kept", problems=[Problem("warning", message)])
        )
        return "kept"
    outside = parse_glossary(before + after, str(dest))
    defined = {term_key(t) for entry in outside.entries for t in entry.terms}
    entries: list[str] = []
    for page in sorted(pages, key=lambda p: p.terms[0].casefold()):
        if page.report.status != "merged":
            continue
        taken = [t for t in page.terms if term_key(t) in defined]
        if taken:
            message = f"term {taken[0]!r} is already defined in {dest.name}; not imported"
            page.report.problems.append(Problem("warning", message, None, "term-defined"))
            page.report.status = "skipped"
            continue
        defined |= {term_key(t) for t in page.terms}
        entries.append("\n".join([*page.terms, page.definition or "  (no definition)"]))
    inner = "\n\n".join(entries)
    fence = fence_for(inner)
    body = f"{fence}{{glossary}}\n{inner}\n{fence}\n"
    new_block = f"{BEGIN}\n\n{body}\n{END}{_hash(body)}\n"
    result = before.rstrip("\n") + "\n\n" + new_block + (after if after.strip() else "")
    if not dry_run and result != text:
        atomic_write(dest, result)
    return "written"


def _hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _split(text: str) -> tuple[str, str, str]:
    start = text.find(BEGIN)
    end = text.find(END, start + 1) if start >= 0 else -1
    if start < 0 or end < 0:
        return text, "", ""
    close = text.find("\n", end)
    close = len(text) if close < 0 else close + 1
    return text[:start], text[start:close], text[close:]


def _block_intact(block: str) -> bool:
    recorded = block[block.find(END) + len(END) :].strip()
    body = block[len(BEGIN) : block.find(END)].strip("\n") + "\n"
    return recorded == _hash(body)
