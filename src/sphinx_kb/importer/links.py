"""Links between imported pages, rewritten to MyST links to the new pages.

The survey knows every source's old URL (and aliases) and its new docname, so a
link written any way the old site allowed finds its page:

* site-absolute (``/blog/x/``), relative to the old URL (``../other/``), with an
  anchor (``/x/#section``) or as a full URL to the old site (``--site-url``);
* relative to the source file (``other.md``, ``../guide/install.md``);
* Zola's ``@/blog/x.md`` and the ``kbsrc:`` form the shortcode pass writes for
  Jekyll's ``{% post_url %}``/``{% link %}`` and Hugo's ``ref``/``relref``.

A link that finds a page becomes ``[text](relative/new.md#anchor)`` (an anchor
the target does not have is dropped, and said so).  One that finds none is
*left*: it keeps its URL (as a full URL to the old site when ``--site-url`` says
where that was) and is listed in the report with its line.  Every outcome is
counted per file.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from .oldurls import match_key, strip_base
from .sites import SiteInfo
from .survey import Surveyed

#: Prefix of a link to a source file, written by the shortcode pass.
SOURCE_SCHEME = "kbsrc:"
_PAGE_SUFFIXES = (".md", ".markdown", ".mdx", ".txt", ".html", ".htm")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_EMAIL = re.compile(r"^[^\s/@:<>]+@[^\s/@:<>]+\.[^\s/@:<>]+$")


@dataclass
class SiteMap:
    """Every imported page, found by old URL or by source path."""

    site: SiteInfo
    by_key: dict[str, Surveyed] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)
    by_path: dict[str, Surveyed] = field(default_factory=dict)
    by_name: dict[str, list[Surveyed]] = field(default_factory=dict)

    @classmethod
    def build(cls, items: Sequence[Surveyed], site: SiteInfo) -> SiteMap:
        sitemap = cls(site)
        pages = [item for item in items if item.docname]
        # Canonical URLs first: an alias never takes a page's own address.
        for urls in (
            lambda i: [i.url] if i.url else [],
            lambda i: i.alternates,
            lambda i: i.aliases,
        ):
            claimed: dict[str, Surveyed] = {}
            for item in pages:
                for url in urls(item):
                    key = match_key(url, site)
                    if key is None:
                        continue
                    for form in {key, strip_base(key, site)}:
                        if form in sitemap.by_key:
                            continue
                        if form in claimed and claimed[form] is not item:
                            sitemap.ambiguous.add(form)
                        claimed.setdefault(form, item)
            for form, item in claimed.items():
                if form not in sitemap.ambiguous:
                    sitemap.by_key.setdefault(form, item)
        for item in pages:
            for rel in {item.rel, item.url_rel}:
                lowered = rel.casefold()
                sitemap.by_path.setdefault(lowered, item)
                sitemap.by_path.setdefault(posixpath.splitext(lowered)[0], item)
            name = posixpath.splitext(posixpath.basename(item.url_rel))[0].casefold()
            sitemap.by_name.setdefault(name, []).append(item)
        return sitemap

    def by_url(self, url: str) -> Surveyed | None:
        key = match_key(url, self.site)
        if key is None or key in self.ambiguous:
            return None
        return self.by_key.get(key) or self.by_key.get(strip_base(key, self.site))

    def by_source_path(self, path: str, current: Surveyed | None = None) -> Surveyed | None:
        """A page by its source path: relative to ``current``'s file, else to the roots."""
        path = unquote(path).replace("\\", "/")
        candidates: list[str] = []
        if current is not None and not path.startswith("/"):
            for rel in (current.url_rel, current.rel):
                candidates.append(posixpath.normpath(posixpath.join(posixpath.dirname(rel), path)))
        candidates.append(posixpath.normpath(path.lstrip("/")))
        for candidate in candidates:
            lowered = candidate.casefold()
            for form in (lowered, posixpath.splitext(lowered)[0], lowered.rstrip("/")):
                for suffix in ("", "/_index", "/index"):
                    found = self.by_path.get(form + suffix)
                    if found is not None:
                        return found
        return None

    def by_basename(self, path: str) -> Surveyed | None:
        """Hugo's ``ref "x.md"`` also finds a page by its file name when that is unique."""
        name = posixpath.splitext(posixpath.basename(path.rstrip("/")))[0].casefold()
        found = self.by_name.get(name, [])
        return found[0] if len(found) == 1 else None


@dataclass
class LinkStats:
    rewritten: int = 0
    #: (line, url, why) of links that were left as they were.
    left: list[tuple[int, str, str]] = field(default_factory=list)
    #: (line, message): anchors dropped, ambiguous URLs...
    notes: list[tuple[int, str]] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Resolution:
    """What a link target becomes: ``target`` for a MyST link, or ``left`` set."""

    target: str = ""
    #: The URL to keep when no page was found ("" when one was).
    left: str = ""
    #: The link is to a glossary term page: a ``{term}`` reference to this term.
    term: str = ""


class LinkResolver:
    """Resolves the link targets of one page (its survey entry is ``current``)."""

    def __init__(
        self, sitemap: SiteMap, current: Surveyed, terms: dict[int, str] | None = None
    ) -> None:
        self.sitemap = sitemap
        self.current = current
        self.stats = LinkStats()
        #: Term pages (by survey entry id) and their terms: links to them are term links.
        self.terms = terms or {}

    def resolve(self, url: str, line: int) -> Resolution | None:
        """None when ``url`` is not a link into the old site (left alone, not counted)."""
        raw = url.strip()
        if not raw or raw.startswith(("mailto:", "tel:", "data:", "javascript:")):
            return None
        if _EMAIL.match(raw):
            return None  # an e-mail autolink, <someone@example.org>: never a page
        target, fragment = _split_fragment(raw)
        page = None
        kind = ""
        if target.startswith(SOURCE_SCHEME):
            path = target[len(SOURCE_SCHEME) :]
            page = self.sitemap.by_source_path(path, self.current)
            kind = "generator"
            if page is None:
                self.stats.left.append((line, path, "no imported page has this source path"))
                return Resolution(left="#")
        elif target.startswith("@/"):
            page = self.sitemap.by_source_path(target[2:])
            kind = "zola"
        elif not target:
            return self._fragment_only(fragment, line)
        elif _SCHEME.match(target) or target.startswith("//"):
            if match_key(target, self.sitemap.site) is None:
                return None  # another site
            page = self.sitemap.by_url(target)
            kind = "full-url"
        elif target.startswith("/"):
            page = self.sitemap.by_url(target)
            kind = "site-absolute"
        else:
            page, kind = self._relative(target)
        if page is None:
            return self._left(raw, target, line, kind)
        self.stats.rewritten += 1
        self.stats.kinds[kind] += 1
        if id(page) in self.terms:
            return Resolution(term=self.terms[id(page)])
        return Resolution(target=self.myst_target(page, fragment, line))

    def _relative(self, target: str) -> tuple[Surveyed | None, str]:
        path = urlsplit(target).path
        if path.casefold().endswith(_PAGE_SUFFIXES[:4]):
            found = self.sitemap.by_source_path(path, self.current)
            if found is not None:
                return found, "source-path"
        if self.current.url:
            base = (
                self.current.url
                if self.current.url.endswith("/")
                else (posixpath.dirname(self.current.url) + "/")
            )
            joined = posixpath.normpath(base + path) + ("/" if path.endswith("/") else "")
            found = self.sitemap.by_url(joined)
            if found is not None:
                return found, "relative-url"
        return self.sitemap.by_source_path(path, self.current), "source-path"

    def _fragment_only(self, fragment: str, line: int) -> Resolution | None:
        anchor = self._anchor(self.current, fragment)
        if anchor is None:
            self.stats.left.append((line, f"#{fragment}", "no such anchor on this page"))
            return Resolution(left=f"#{fragment}")
        self.stats.rewritten += 1
        self.stats.kinds["anchor"] += 1
        return Resolution(target=self.myst_target(self.current, fragment, line))

    def _left(self, raw: str, target: str, line: int, kind: str) -> Resolution:
        site = self.sitemap.site
        if match_key(target, site) in self.sitemap.ambiguous:
            why = "several imported pages had this URL"
        else:
            why = "no imported page had this URL"
        self.stats.left.append((line, raw, why))
        if target.startswith("/") and site.site_urls:
            return Resolution(left=site.site_urls[0] + raw)
        relative = kind in ("relative-url", "source-path") and not _SCHEME.match(target)
        if relative and site.site_urls and self.current.url and not _is_source_file(target):
            # ../windows/ meant a page of the old site; relative to the new page it
            # leads nowhere, so it goes to the old site like /docs/windows/ does.
            return Resolution(left=urljoin(site.site_urls[0] + self.current.url, raw))
        return Resolution(left=raw)

    def _anchor(self, page: Surveyed, fragment: str) -> str | None:
        if not fragment:
            return ""
        decoded = unquote(fragment)
        for candidate in (decoded, decoded.casefold()):
            if candidate in page.anchors:
                return page.anchors[candidate]
        return None

    def myst_target(self, page: Surveyed, fragment: str, line: int) -> str:
        here = posixpath.dirname(self.current.docname)
        path = posixpath.relpath(page.docname + ".md", here or ".")
        anchor = self._anchor(page, fragment)
        if anchor is None:
            self.stats.notes.append(
                (line, f"anchor #{fragment} is not on {page.docname}; the link goes to the page")
            )
            anchor = ""
        return f"{path}#{anchor}" if anchor else path


def _is_source_file(target: str) -> bool:
    return urlsplit(target).path.casefold().endswith((".md", ".markdown", ".mdx"))


def _split_fragment(url: str) -> tuple[str, str]:
    target, _sep, fragment = url.partition("#")
    target = target.split("?", 1)[0] if not target.startswith(SOURCE_SCHEME) else target
    return target, fragment
