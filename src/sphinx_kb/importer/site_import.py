"""The two passes of ``kb import``: survey every source, then convert each knowing them all.

Pass one (:func:`prepare_site`) reads every source's front matter and headings
(:mod:`.survey`), finds the generator and its configuration (:mod:`.sites`), lays
the pages out below ``--dest`` (:mod:`.layout`) and builds the map of old URLs
(:mod:`.links`).  Pass two converts and writes one page at a time
(:meth:`SiteImport.import_one`), then removes pages that moved, and writes the
redirects of the old URLs (:mod:`.redirects`).
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..articles.model import Problem
from ..articles.source import md_escape
from .labels import assign_labels
from .layout import Layout, lay_out
from .links import SiteMap
from .mapping import UsageError
from .migration import Migration
from .options import parse_variables
from .redirects import RedirectPlan, default_file
from .report import FileReport, ImportReport
from .sites import SiteInfo, detect_site
from .sources import source_key
from .survey import Surveyed, survey
from .writer import PageIndex, edited_by_hand

_SKIPPED = {"partial", "headless", "draft", "excluded"}


@dataclass
class SiteImport:
    plan: Any
    site: SiteInfo
    items: list[Surveyed]
    index: PageIndex
    layout: Layout
    sitemap: SiteMap
    variables: dict[str, str]
    keys: dict[int, str]
    redirects: RedirectPlan | None
    #: Lines for the terminal after the pages (redirect conflicts, moved pages...).
    messages: list[str] = field(default_factory=list)

    def import_one(
        self,
        item: Surveyed,
        plan: Any,
        args: argparse.Namespace,
        convert_one: Callable[..., FileReport],
    ) -> FileReport:
        placement = self.layout.get(item)
        if item.role in _SKIPPED or (placement is None and item.role != "unreadable"):
            report = FileReport(str(item.source.path), status="skipped")
            report.skipped = item.reason or "a section index with no text (--flat)"
            if item.role == "draft":
                report.drafts = 1
            return report
        if placement is None:  # unreadable: the conversion says why
            return convert_one(item.source, plan, plan.dest / "unreadable.md", args)
        path = self.index.path_for(placement.name)
        migration = Migration(
            item, self.site, self.sitemap, self.variables, self.site.root or plan.roots[0]
        )
        finish = _section_page(item) if item.role == "section" else None
        report = convert_one(item.source, plan, path, args, migration, finish)
        if item.role == "section":  # its toctree is its text
            report.problems = [p for p in report.problems if p.code != "empty"]
        report.slug = placement.name
        if placement.collided_with:
            report.collided_with = placement.collided_with.rsplit("/", 1)[-1]
            message = f"slug {report.collided_with!r} is taken by another page; writing {path.name}"
            report.problems.append(Problem("info", message, None, "slug-collision"))
        report.migration_from(item, migration)
        dated_badly = any(p.code == "date-invalid" for p in report.problems)
        if (
            item.role != "section"
            and item.date is None
            and report.status != "failed"
            and not (dated_badly)
        ):
            report.problems.append(
                Problem(
                    "warning",
                    "no date in the front matter, file name, folders or path; "
                    "the article is listed as undated",
                    None,
                    "undated",
                )
            )
        for problem in item.problems:
            report.problems.append(Problem("warning", problem, None, "alias"))
        if self.redirects is not None and report.status != "failed":
            self.redirects.add(item)
        return report

    def finish(self, report: ImportReport, *, dry_run: bool) -> None:
        """Remove the pages sources moved away from; write the redirects."""
        written = {f.slug for f in report.files if f.slug}
        for item in self.items:
            placement = self.layout.get(item)
            if placement is None or not placement.moved_from or placement.moved_from in written:
                continue
            old = self.index.path_for(placement.moved_from)
            try:
                text = old.read_text(encoding="utf-8")
            except OSError:
                continue
            if edited_by_hand(text):
                self.messages.append(f"{old}: edited by hand; left in place (its source moved)")
            elif not dry_run:
                old.unlink()
                self.messages.append(f"{old}: removed (its page is now {placement.name}.md)")
        if self.redirects is not None:
            report.redirects = self.redirects.write(dry_run=dry_run)
            self.messages.extend(self.redirects.messages)


def _section_page(item: Surveyed) -> Callable[[dict[str, Any], str], tuple[dict[str, Any], str]]:
    """A section page: its title as the heading, its text, then a toctree of its pages."""

    def finish(front: dict[str, Any], body: str) -> tuple[dict[str, Any], str]:
        patterns = item.section_patterns
        toctree = "\n".join(
            ["```{toctree}", ":glob:", ":titlesonly:", ":maxdepth: 1", "", *patterns, "```\n"]
        )
        if not patterns:
            toctree = ""  # no page of its own folder: nothing to list
        title = str(front.get("title") or item.title)
        text = f"# {md_escape(title)}\n\n" + (body.strip("\n") + "\n\n" if body.strip() else "")
        return front, (text + toctree).rstrip("\n") + "\n"

    return finish


def prepare_site(plan: Any, args: argparse.Namespace) -> SiteImport:
    """Pass one: everything that needs every source (see the module docstring)."""
    site = detect_site(list(plan.roots), getattr(args, "generator", "auto"))
    for url in getattr(args, "site_url", []):
        if not url.startswith(("http://", "https://")):
            raise UsageError(f"--site-url {url!r}: expected an address like https://example.org")
        site.site_urls.insert(0, url.rstrip("/"))
    variables = parse_variables(getattr(args, "var", []))
    items = survey(
        plan.sources,
        list(plan.roots),
        site,
        field_map=plan.field_map,
        permalink=getattr(args, "permalink", None),
        excludes=getattr(args, "exclude", []),
        drafts=getattr(args, "include_drafts", False),
    )
    index = PageIndex.scan(plan.dest)
    keys = {id(item): source_key(item.source, plan.base, plan.roots) for item in items}
    shas = {id(item): _sha256(item.source.path) for item in items}
    layout = lay_out(items, index, keys, shas, flat=getattr(args, "flat", False))
    for item in items:
        placement = layout.get(item)
        item.docname = placement.name if placement is not None else ""
    _section_patterns(items)
    assign_labels(items)
    sitemap = SiteMap.build(items, site)
    redirects = None
    if not getattr(args, "no_redirects", False):
        target = getattr(args, "redirects", None) or default_file(plan.dest)
        redirects = RedirectPlan(target, plan.dest, site, set(keys.values()), keys)
    return SiteImport(plan, site, items, index, layout, sitemap, variables, keys, redirects)


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _section_patterns(items: list[Surveyed]) -> None:
    """Which toctree globs of each section page match something (Sphinx warns otherwise)."""
    names = {item.docname for item in items if item.docname}
    for item in items:
        if item.role != "section" or not item.docname.endswith("index"):
            continue
        folder = item.docname.rsplit("/", 1)[0] + "/" if "/" in item.docname else ""
        below = [n[len(folder) :] for n in names if n.startswith(folder) and n != item.docname]
        patterns = []
        if any(n.count("/") == 1 and n.endswith("/index") for n in below):
            patterns.append("*/index")
        if any("/" not in n for n in below):
            patterns.append("*")
        item.section_patterns = patterns
