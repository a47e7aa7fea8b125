"""The project as the rules see it: every source read once, plus what the build derives.

``build_context`` reads the settings, the sources and the tag vocabulary, then works out
what the build would make of them: each article's record (title, date, tag keys), the
tag slugs, the tag and archive pages it generates with what each one lists, and every
``{ref}`` label. It checks nothing itself; ``finding_at`` and ``short`` are the helpers
the rule modules share to word their findings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..environment.domain import ArticleRecord, newest_first
from ..listings.generate import month_docname, month_page_count, section_of, undated_docname
from ..tags.vocabulary import Vocabulary, load_vocabulary
from .project import Settings, Source, discover, load_settings, read_source
from .report import Finding, Level


@dataclass
class Context:
    root: Path
    settings: Settings
    sources: list[Source]
    vocabulary: Vocabulary
    #: Canonical tag key -> page slug, as the build assigns them.
    slugs: dict[str, str] = field(default_factory=dict)
    slug_messages: list[str] = field(default_factory=list)
    #: Per article docname: its record as the build would store it.
    records: dict[str, ArticleRecord] = field(default_factory=dict)
    #: Source docnames plus the pages the build generates.
    all_docs: set[str] = field(default_factory=set)
    #: Generated page -> pages and articles it lists or toctrees.
    generated: dict[str, set[str]] = field(default_factory=dict)
    #: Every ``{ref}`` label, normalized.
    labels: set[str] = field(default_factory=set)

    @property
    def by_docname(self) -> dict[str, Source]:
        return {s.docname: s for s in self.sources}

    @property
    def articles(self) -> list[Source]:
        return [s for s in self.sources if s.is_article]


def normal_label(label: str) -> str:
    # Sphinx normalizes target names: lower case, white space folded.
    return " ".join(label.lower().split())


def build_context(root: Path) -> Context:
    settings = load_settings(root)
    docs = discover(root, settings)
    sources = [read_source(root, name, path, settings) for name, path in docs.items()]
    kb = settings.kb
    vocabulary = load_vocabulary(root / kb.tag_vocabulary) if kb.tag_vocabulary else Vocabulary()
    ctx = Context(root, settings, sources, vocabulary)
    used: set[str] = set()
    for source in ctx.articles:
        article = source.article
        fallback = source.markup.first_h1 if source.markup else None
        title = (article.title if article else "") or fallback or source.docname.rsplit("/")[-1]
        keys = vocabulary.keys(article.tags if article else ())
        used.update(keys)
        date = article.date.isoformat() if article and article.date else ""
        ctx.records[source.docname] = ArticleRecord(
            docname=source.docname,
            title=title,
            date=date,
            timestamp=article.date_iso if article else "",
            tags=keys,
        )
    ctx.slugs, ctx.slug_messages = vocabulary.assign_slugs(used)
    _generated_pages(ctx)
    ctx.all_docs = {s.docname for s in sources} | set(ctx.generated)
    ctx.labels = {"genindex", "modindex", "search", "tagoverview"}
    ctx.labels |= {f"sphx_tag_{slug}" for slug in ctx.slugs.values()}
    for source in sources:
        if source.markup is not None:
            ctx.labels |= {normal_label(label) for _line, label in source.markup.labels}
    return ctx


def _generated_pages(ctx: Context) -> None:
    """The tag and archive pages the build writes, with what each one reaches."""
    kb = ctx.settings.kb
    records = sorted(ctx.records.values(), key=newest_first)
    pages: dict[str, set[str]] = defaultdict(set)
    tags_index = f"{kb.tags_dir}/index"
    archive_index = f"{kb.archive_dir}/index"
    pages[tags_index] = set()
    for key, slug in ctx.slugs.items():
        page = f"{kb.tags_dir}/{slug}"
        pages[tags_index].add(page)
        pages[page] = {r.docname for r in records if key in r.tags}
    by_year: dict[str, list[ArticleRecord]] = defaultdict(list)
    for record in records:
        by_year[record.date[:4] or "undated"].append(record)
    pages[archive_index] = {f"{kb.archive_dir}/{year}" for year in by_year}
    # Section pages no other section page holds are in the archive's (or tags') toctree.
    sections = {s.docname for s in ctx.sources if kb.is_section(s.docname)}
    top = {s for s in sections if not section_of(s, sections)}
    pages[tags_index if kb.pdf_grouping == "tag" else archive_index] |= top
    for year, items in by_year.items():
        year_page = f"{kb.archive_dir}/{year}"
        pages[year_page] = {r.docname for r in items} if year == "undated" else set()
        if kb.pdf_grouping != "tag":
            pages[year_page] |= {r.docname for r in items}  # the year's toctree
        if year == "undated":
            count = month_page_count(len(items), kb.listing_page_size)
            others = {undated_docname(kb.archive_dir, n) for n in range(2, count + 1)}
            pages[year_page] |= others
            for name in others:
                pages[name] = {year_page, *others, *(r.docname for r in items)}
        months: dict[int, list[ArticleRecord]] = defaultdict(list)
        for record in items:
            if record.date:
                months[int(record.date[5:7])].append(record)
        for month, in_month in months.items():
            count = month_page_count(len(in_month), kb.listing_page_size)
            names = [month_docname(kb.archive_dir, year, month, n) for n in range(1, count + 1)]
            pages[year_page].add(names[0])
            for name in names:  # each page of a month links to the others
                pages[name] = set(names) | {r.docname for r in in_month}
    pages[f"{kb.archive_dir}/latest"] = {r.docname for r in records[: kb.listing_page_size]}
    ctx.generated = dict(pages)


def finding_at(source: Source, line: int | None, level: Level, code: str, message: str) -> Finding:
    return Finding(source.rel, line, level, code, message)


def short(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")
