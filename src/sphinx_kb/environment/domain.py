"""The ``kb`` domain: per-document data that incremental and parallel builds keep right.

Modelled on ``sphinx.ext.todo``: the domain collects its own data from each page
as it is read (:meth:`KBDomain.process_doc`), removes it in :meth:`clear_doc` when a
page is re-read or deleted, and merges it from parallel readers in
:meth:`merge_domaindata`.  Which keys hold per-page data is declared once
(:data:`PAGE_DATA`); the rest (:data:`BUILD_DATA`) belongs to the whole site.

The domain also carries this build's derived state (:class:`BuildState`): it is
made anew at ``builder-inited`` and never pickled, since Sphinx pickles the
domain's ``data`` and not the domain.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.domains import Domain

from ..config import KBConfig
from ..nodes import kb_listing
from ..tags.vocabulary import Vocabulary
from . import xrefs

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

#: Per-page data: key -> what it holds for each docname.
PAGE_DATA: dict[str, str] = {
    "articles": "the article's ArticleRecord",
    "tagged": "the TaggedPage of a page using sphinx-tags' directive",
    "listings": "the ListingSpecs placed on the page, in page order",
    "mentions": "ids of the glossary entries the page mentions",
    "autolinked": "True where the page's terms are linked at write time",
    "xrefs": "the page's cross-references to other pages (see xrefs.py)",
    "digests": "digest of the page's listings when it was last written",
    "xref_digests": "digest of what its cross-references resolved to when last written",
    "missing_images": "image files the page shows as alt text: missing when it was read",
}
#: Site-wide data kept between builds: key -> initial value.
BUILD_DATA: dict[str, Any] = {
    "inputs": {},  # fingerprint of each input of the listings at the last build
    "glossary_terms_digest": None,  # the term set the articles were read with
    "glossary_tips_digest": None,  # the hover texts the articles were written with
    "glossary_forms": None,  # (terms digest, forms table), to link without inflect
}

#: What the header and glossary transforms leave for :meth:`KBDomain.process_doc`.
RECORD_KEY = "kb_record"
MENTIONS_KEY = "kb_mentions"
MISSING_IMAGES_KEY = "kb_missing_images"


@dataclass
class BuildState:
    """This build's derived, site-wide state; never pickled."""

    config: KBConfig
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    vocabulary_path: Path | None = None
    #: Canonical tag key -> page slug, for every tag in use this build.
    slugs: dict[str, str] = field(default_factory=dict)
    #: Documents read or removed in this build (listings are re-evaluated only then).
    touched: set[str] = field(default_factory=set)
    #: Documents removed in this build (their stale output is deleted).
    removed: set[str] = field(default_factory=set)
    #: The listings' catalog, built once per process after reading.
    catalog: Any = None
    #: The glossary's terms and matcher for this build (``glossary.runtime``).
    glossary: Any = None
    #: The last build stopped before its end: everything is read again.
    interrupted: bool = False
    #: The HTML builder writes the root document at the site's root (``root_page``).
    home_moved: bool = False


class KBDomain(Domain):
    name = "kb"
    label = "Knowledge base"
    data_version = 7
    initial_data: dict[str, Any] = {  # noqa: RUF012 - Sphinx's own pattern
        **{key: {} for key in PAGE_DATA},
        **BUILD_DATA,
    }

    _build: BuildState | None = None

    @property
    def build(self) -> BuildState:
        # Made on first use: the domain exists before the environment has a config.
        if self._build is None:
            self._build = BuildState(KBConfig.from_sphinx(self.env.config))
        return self._build

    def start_build(self) -> None:
        self._build = None

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
    def mentions(self) -> dict[str, tuple[str, ...]]:
        return self.data["mentions"]

    @property
    def digests(self) -> dict[str, str]:
        return self.data["digests"]

    def is_autolinked(self, docname: str) -> bool:
        return docname in self.data["autolinked"]

    # -- collecting ---------------------------------------------------------------

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Everything the page holds for listings, backlinks and cross-references."""
        data = self.data
        record: ArticleRecord | None = env.temp_data.get(RECORD_KEY)
        if record is not None:
            data["articles"][docname] = record
        found = env.temp_data.get(MENTIONS_KEY)
        if found is not None:
            mentions, autolinked = found
            data["mentions"][docname] = mentions
            if autolinked:
                data["autolinked"][docname] = True
        missing = env.temp_data.get(MISSING_IMAGES_KEY)
        if missing:
            data["missing_images"][docname] = frozenset(missing)
        specs = [
            (node["kind"], tuple(sorted(node["options"].items())))
            for node in document.findall(kb_listing)
        ]
        if specs:
            data["listings"][docname] = specs
        xrefs.note_link_dependencies(env, docname, document)
        article = self.build.config.is_article(docname)
        # Articles' term links are kept right by the glossary's own digests (any change
        # to the terms re-reads every article), which also saves work on large sites.
        refs = xrefs.collect(docname, document, terms=not article)
        if refs:
            data["xrefs"][docname] = refs
        if not article:
            self._note_tagged(env, docname, document)

    def _note_tagged(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        tags = env.metadata.get(docname, {}).get("tags")
        if not isinstance(tags, list) or not tags:
            return  # a list only where sphinx-tags' directive put it
        build = self.build
        if build.vocabulary_path is not None:
            # Aliases resolve these tags: a vocabulary edit must re-read the page.
            env.note_dependency(str(build.vocabulary_path))
        section = document.next_node(nodes.section)
        title = section[0].astext() if section is not None and len(section) else docname
        self.data["tagged"][docname] = TaggedPage(docname, title, build.vocabulary.keys(tags))

    def clear_doc(self, docname: str) -> None:
        for key in PAGE_DATA:
            self.data[key].pop(docname, None)

    def forget_pages(self) -> None:
        """Every page's data, gone (a parallel reader's copy: see ``speed.parallel_read``)."""
        for key in PAGE_DATA:
            self.data[key].clear()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in PAGE_DATA:
            mine = self.data[key]
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    mine[docname] = value

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


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
