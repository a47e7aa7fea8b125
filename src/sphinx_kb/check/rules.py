"""The checks ``kb check`` runs, each a function from the read project to findings.

Levels follow one rule: *error* when the built site would be wrong (a broken
link, an unreadable date, a page that leaves the project), *warning* when a
reader would notice something off (no description, mojibake, markup that will be
removed), *info* for housekeeping (an unused glossary term, a byte-order mark).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .content import code_languages, glossary, mojibake, raw_html
from .context import Context, build_context
from .listings import listing_options
from .metadata import duplicates, front_matter, pages, vocabulary
from .reads import build_reads
from .report import Finding
from .targets import reachability, references
from .upkeep import reviews
from .urls import directive_urls

Rule = Callable[[Context], Iterator[Finding]]


RULES: tuple[Rule, ...] = (
    front_matter,
    pages,
    duplicates,
    vocabulary,
    glossary,
    references,
    build_reads,
    directive_urls,
    listing_options,
    reachability,
    mojibake,
    raw_html,
    code_languages,
    reviews,
)


@dataclass(frozen=True)
class Result:
    findings: list[Finding]
    articles: int
    pages: int


def check(root: Path) -> Result:
    """Run every rule on the project at ``root`` (the folder holding conf.py)."""
    ctx = build_context(root)
    findings = sorted({f for rule in RULES for f in rule(ctx)}, key=Finding.sort_key)
    articles = len(ctx.articles)
    return Result(findings, articles, len(ctx.sources) - articles)


__all__ = ["RULES", "Context", "Result", "build_context", "check"]
