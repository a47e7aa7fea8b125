"""The project as the rules see it: every source read once, plus what the build derives.

``build_context`` reads the settings, the sources and the tag vocabulary, then works out
what the build would make of them, with the build's own code: each article's record
(title, date, tag keys), the catalog listings are evaluated against, the tag slugs and
the tag and archive pages it generates (``listings.plan``), and every ``{ref}`` label.
It checks nothing itself; ``finding_at`` and ``short`` are the helpers the rule modules
share to word their findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..articles.prescan import ScanEntry
from ..environment.domain import ArticleRecord, TaggedPage
from ..listings.catalog import Catalog
from ..listings.plan import plan_pages
from ..tags.vocabulary import Vocabulary, load_vocabulary
from .markup import Markup, scan_markup
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
    #: Generated page -> its markup, as planned by the build (``listings.plan``).
    generated: dict[str, Markup] = field(default_factory=dict)
    #: The listings' catalog of the articles, as the build would make it.
    catalog: Catalog | None = None
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
    entries: list[ScanEntry] = []
    tagged: list[TaggedPage] = []
    for source in ctx.sources:
        if not source.is_article:
            labels = _tags_directive(source)
            if labels:
                entries.append(ScanEntry(source.docname, "", labels))
                title = (source.markup.first_h1 if source.markup else None) or source.docname
                tagged.append(TaggedPage(source.docname, title, vocabulary.keys(labels)))
            continue
        article = source.article
        fallback = source.markup.first_h1 if source.markup else None
        title = (article.title if article else "") or fallback or source.docname.rsplit("/")[-1]
        date = article.date.isoformat() if article and article.date else ""
        tags = article.tags if article else ()
        entries.append(ScanEntry(source.docname, date, tags))
        ctx.records[source.docname] = ArticleRecord(
            docname=source.docname,
            title=title,
            date=date,
            timestamp=article.date_iso if article else "",
            tags=vocabulary.keys(tags),
        )
    # The pages the build generates, planned by the build's own code.
    plan = plan_pages(entries, vocabulary, kb, settings.language)
    ctx.slugs, ctx.slug_messages = plan.slugs, plan.collisions
    ctx.generated = {
        name: scan_markup(text, 1, colon_fence=settings.colon_fence)
        for name, text in plan.pages.items()
    }
    ctx.catalog = Catalog.from_records(
        ctx.records.values(), tagged, vocabulary, ctx.slugs, page_size=kb.listing_page_size
    )
    ctx.all_docs = {s.docname for s in sources} | set(ctx.generated)
    ctx.labels = {"genindex", "modindex", "search", "tagoverview"}
    ctx.labels |= {f"sphx_tag_{slug}" for slug in ctx.slugs.values()}
    for source in sources:
        if source.markup is not None:
            ctx.labels |= {normal_label(label) for _line, label in source.markup.labels}
    return ctx


def _tags_directive(source: Source) -> tuple[str, ...]:
    """Tags given with sphinx-tags' ``{tags}`` directive (comma-separated argument)."""
    if source.markup is None:
        return ()
    labels: list[str] = []
    for directive in source.markup.directives:
        if directive.name == "tags":
            labels += [label.strip() for label in directive.argument.split(",") if label.strip()]
    return tuple(labels)


def finding_at(source: Source, line: int | None, level: Level, code: str, message: str) -> Finding:
    return Finding(source.rel, line, level, code, message)


def short(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")
