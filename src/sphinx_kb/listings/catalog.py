"""Queries over all articles: filters, related articles, neighbours, tag counts.

A :class:`Catalog` is built from the ``kb`` domain once per process after
reading (:func:`catalog_for`), and every listing is a pure function of it and the
listing's options.  The same evaluation decides which pages must be rewritten
(``environment.collector``) and is rendered (``resolve``), so what is written is
exactly what was compared.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..environment.domain import ArticleRecord, KBDomain, TaggedPage, get_domain, newest_first
from ..environment.state import kb_state
from ..tags.vocabulary import TagInfo, Vocabulary

if TYPE_CHECKING:
    from sphinx.application import Sphinx


@dataclass(frozen=True)
class TagSummary:
    key: str
    slug: str
    label: str
    description: str
    colour: str
    count: int
    #: How many of ``count`` are other pages tagged with sphinx-tags' directive.
    pages: int = 0


@dataclass
class Catalog:
    articles: list[ArticleRecord]
    tagged: list[TaggedPage]
    vocabulary: Vocabulary
    slugs: dict[str, str]
    position: dict[str, int] = field(default_factory=dict)
    by_tag: dict[str, list[ArticleRecord]] = field(default_factory=dict)
    page_size: int = 50
    #: Glossary term id -> articles mentioning it, newest first.
    mentions: dict[str, list[ArticleRecord]] = field(default_factory=dict)
    _related: dict[tuple[str, int], tuple[ArticleRecord, ...]] = field(
        default_factory=dict, repr=False
    )
    _selected: dict[tuple[str, str, int, str], list[ArticleRecord]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def build(
        cls, domain: KBDomain, vocabulary: Vocabulary, slugs: dict[str, str], page_size: int = 50
    ) -> Catalog:
        return cls.from_records(
            domain.articles.values(),
            domain.tagged.values(),
            vocabulary,
            slugs,
            page_size=page_size,
            mentions=domain.mentions,
        )

    @classmethod
    def from_records(
        cls,
        records: Iterable[ArticleRecord],
        tagged_pages: Iterable[TaggedPage],
        vocabulary: Vocabulary,
        slugs: dict[str, str],
        *,
        page_size: int = 50,
        mentions: Mapping[str, tuple[str, ...]] | None = None,
    ) -> Catalog:
        """The catalog of these records (the build's, or those ``kb check`` reads)."""
        articles = sorted(records, key=newest_first)
        tagged = sorted(tagged_pages, key=lambda p: (p.title.casefold(), p.docname))
        catalog = cls(articles, tagged, vocabulary, slugs, page_size=page_size)
        catalog.position = {a.docname: i for i, a in enumerate(articles)}
        by_tag: dict[str, list[ArticleRecord]] = defaultdict(list)
        for article in articles:
            for tag in article.tags:
                by_tag[tag].append(article)
        catalog.by_tag = dict(by_tag)
        by_term: dict[str, list[ArticleRecord]] = defaultdict(list)
        for article in articles:  # newest first, so each list is too
            for term in (mentions or {}).get(article.docname, ()):
                by_term[term].append(article)
        catalog.mentions = dict(by_term)
        return catalog

    # -- tags -----------------------------------------------------------------

    def tag_info(self, key: str) -> TagInfo:
        return self.vocabulary.info(key)

    def slug(self, key: str) -> str:
        return self.slugs.get(key, "")

    def key_for_slug(self, slug: str) -> str | None:
        for key, value in self.slugs.items():
            if value == slug:
                return key
        return None

    def tag_summaries(self) -> tuple[TagSummary, ...]:
        counts: Counter[str] = Counter()
        pages: Counter[str] = Counter()
        for key, items in self.by_tag.items():
            counts[key] += len(items)
        for page in self.tagged:
            for key in page.tags:
                counts[key] += 1
                pages[key] += 1
        summaries = []
        for key in counts:
            info = self.tag_info(key)
            summaries.append(
                TagSummary(
                    key,
                    self.slug(key),
                    info.label,
                    info.description,
                    info.colour,
                    counts[key],
                    pages[key],
                )
            )
        return tuple(sorted(summaries, key=lambda s: (s.label.casefold(), s.key)))

    def badges(self, keys: tuple[str, ...]) -> tuple[TagSummary, ...]:
        return tuple(
            TagSummary(k, self.slug(k), self.tag_info(k).label, "", self.tag_info(k).colour, 0)
            for k in keys
        )

    # -- article queries ------------------------------------------------------

    def select(
        self,
        *,
        tag: str = "",
        year: str = "",
        month: int = 0,
        sort: str = "date",
        offset: int = 0,
        limit: int = 0,
    ) -> tuple[ArticleRecord, ...]:
        # Memoized: a paginated listing asks once per page, and filtering and sorting
        # every article for each page made a big archive quadratic.
        key = (tag, year, month, sort)
        items = self._selected.get(key)
        if items is None:
            items = self._selected[key] = self._select(tag, year, month, sort)
        end = offset + limit if limit else None
        return tuple(items[offset:end])

    def _select(self, tag: str, year: str, month: int, sort: str) -> list[ArticleRecord]:
        items: list[ArticleRecord] = self.by_tag.get(tag, []) if tag else self.articles
        if year == "undated":
            items = [a for a in items if not a.date]
        elif year:
            items = [a for a in items if a.date[:4] == year]
        if month:
            items = [a for a in items if a.date[5:7] == f"{month:02d}"]
        if sort == "title":
            items = sorted(items, key=lambda a: (a.title.casefold(), a.docname))
        elif sort == "oldest":
            items = list(reversed(items))
        return items

    def tagged_pages(self, tag: str) -> tuple[TaggedPage, ...]:
        return tuple(p for p in self.tagged if tag in p.tags)

    def related(self, docname: str, count: int) -> tuple[ArticleRecord, ...]:
        """Top ``count`` by shared tags; ties go to the newer article (memoized)."""
        key = (docname, count)
        if key not in self._related:
            self._related[key] = self._compute_related(docname, count)
        return self._related[key]

    def _compute_related(self, docname: str, count: int) -> tuple[ArticleRecord, ...]:
        article = self.articles[self.position[docname]]
        shared: Counter[int] = Counter()
        for tag in article.tags:
            for other in self.by_tag.get(tag, ()):
                if other.docname != docname:
                    shared[self.position[other.docname]] += 1
        best = heapq.nsmallest(count, shared.items(), key=lambda item: (-item[1], item[0]))
        return tuple(self.articles[index] for index, _n in best)

    def neighbours(self, docname: str, before: int = 1, after: int = 1) -> dict[str, Any]:
        """Newer and older articles around ``docname`` in date order."""
        index = self.position[docname]
        return {
            "newer": tuple(self.articles[max(0, index - before) : index]),
            "older": tuple(self.articles[index + 1 : index + 1 + after]),
        }

    def years(self) -> tuple[tuple[str, int], ...]:
        counts: Counter[str] = Counter(a.date[:4] if a.date else "undated" for a in self.articles)
        dated = sorted((y for y in counts if y != "undated"), reverse=True)
        order = [*dated, *(["undated"] if "undated" in counts else [])]
        return tuple((year, counts[year]) for year in order)

    def months(self, year: str) -> tuple[tuple[int, int], ...]:
        counts: Counter[int] = Counter(
            int(a.date[5:7]) for a in self.articles if a.date[:4] == year and a.date
        )
        return tuple(sorted(counts.items(), reverse=True))


def catalog_for(app: Sphinx) -> Catalog:
    state = kb_state(app)
    if state.catalog is None:
        state.catalog = Catalog.build(
            get_domain(app.env),
            state.vocabulary,
            state.slugs,
            page_size=state.config.listing_page_size,
        )
    return state.catalog
