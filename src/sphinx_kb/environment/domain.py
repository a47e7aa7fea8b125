"""The ``kb`` domain: per-document data that incremental and parallel builds keep right.

Modelled on ``sphinx.ext.todo``: everything a listing needs is stored per
document, removed in :meth:`clear_doc` when a document is re-read or deleted, and
merged from parallel readers in :meth:`merge_domaindata`.  Listings are rendered
later, at ``doctree-resolved``, from this data.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True, order=True)
class ArticleRecord:
    """What listings, feeds and navigation know about an article."""

    docname: str
    title: str
    #: ISO date (``YYYY-MM-DD``) or "" when missing.
    date: str = ""
    #: Full ISO timestamp when the source had one, else the date.
    timestamp: str = ""
    description: str = ""
    #: Canonical tag keys, in front matter order.
    tags: tuple[str, ...] = ()
    minutes: int = 1
    image: str = ""
    authors: tuple[str, ...] = ()
    #: ISO dates from the front matter (``articles.trust``), or "".
    updated: str = ""
    reviewed: str = ""
    review_due: str = ""


@dataclass(frozen=True)
class TaggedPage:
    """A non-article page tagged with sphinx-tags' ``{tags}`` directive."""

    docname: str
    title: str
    tags: tuple[str, ...]


#: A listing placed on a page: (kind, sorted option items).  Hashable and picklable.
ListingSpec = tuple[str, tuple[tuple[str, Any], ...]]


#: Keys of per-page data (``clear_doc``); the others are the build's.
PER_PAGE_KEYS = (
    "articles",
    "tagged",
    "listings",
    "digests",
    "mentions",
    "autolinked",
    "xrefs",
    "xref_digests",
)


class KBDomain(Domain):
    name = "kb"
    label = "Knowledge base"
    data_version = 5
    initial_data: dict[str, Any] = {  # noqa: RUF012 - Sphinx's own pattern
        "articles": {},  # docname -> ArticleRecord
        "tagged": {},  # docname -> TaggedPage
        "listings": {},  # docname -> list[ListingSpec]
        "digests": {},  # docname -> digest of its listings' inputs at last write
        "mentions": {},  # docname -> glossary term ids the page mentions (auto-linked)
        "autolinked": {},  # docname -> True: the page's terms are linked at write time
        "xrefs": {},  # docname -> cross-references to other pages (see xrefs.py)
        "xref_digests": {},  # docname -> digest of what its cross-references resolve to
        "inputs": {},  # input name -> fingerprint at the last build (see listings.py)
    }

    @property
    def articles(self) -> dict[str, ArticleRecord]:
        return self.data["articles"]

    @property
    def tagged(self) -> dict[str, TaggedPage]:
        return self.data["tagged"]

    @property
    def listings(self) -> dict[str, list[ListingSpec]]:
        return self.data["listings"]

    @property
    def digests(self) -> dict[str, str]:
        return self.data["digests"]

    def note_article(self, record: ArticleRecord) -> None:
        self.articles[record.docname] = record

    def note_tagged(self, page: TaggedPage) -> None:
        self.tagged[page.docname] = page

    @property
    def mentions(self) -> dict[str, tuple[str, ...]]:
        return self.data["mentions"]

    def note_mentions(
        self, docname: str, term_ids: tuple[str, ...], *, autolinked: bool = False
    ) -> None:
        self.mentions[docname] = term_ids
        if autolinked:
            self.data["autolinked"][docname] = True

    def is_autolinked(self, docname: str) -> bool:
        return docname in self.data["autolinked"]

    def note_listing(self, docname: str, spec: ListingSpec) -> None:
        self.listings.setdefault(docname, []).append(spec)

    def clear_doc(self, docname: str) -> None:
        for key in PER_PAGE_KEYS:
            self.data[key].pop(docname, None)

    def forget_pages(self) -> None:
        """Every page's data, gone (a parallel reader's copy: see ``parallel``)."""
        for key in PER_PAGE_KEYS:
            self.data[key].clear()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("articles", "tagged", "listings", "mentions", "autolinked", "xrefs"):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def sorted_articles(self) -> list[ArticleRecord]:
        """Newest first; undated last; ties by title then docname, so every build agrees."""
        return sorted(self.articles.values(), key=newest_first)


def newest_first(record: ArticleRecord) -> tuple[int, str, str, str]:
    # Negating the date as text keeps the sort stable: dated before undated.
    return (
        0 if record.date else 1,
        descending(record.timestamp or record.date),
        record.title.casefold(),
        record.docname,
    )


def descending(text: str) -> str:
    """A sort key that orders ISO dates newest first inside an ascending sort."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def get_domain(env: BuildEnvironment) -> KBDomain:
    return env.get_domain("kb")  # type: ignore[return-value]


def all_docnames(records: Iterable[ArticleRecord]) -> list[str]:
    return [r.docname for r in records]
