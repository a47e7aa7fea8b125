"""The URL each imported page had on the old site, as its generator made it.

A page's old URL comes, first to last, from its front matter (``url``,
``permalink``, ``path``, then ``slug`` for the last segment), from ``--permalink``
or the site configuration's permalink pattern, and otherwise from its place below
the content folder (``posts/x.md`` -> ``/posts/x/``; section index files and Hugo
bundles -> their folder).  Jekyll posts follow Jekyll's rules (``_posts``, dated
file names, ``/:categories/:year/:month/:day/:title:output_ext``).

URLs are compared through :func:`match_key`, which ignores the differences servers
ignore: trailing slash, ``index.html``, ``.html`` and letter case.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from ..articles.model import slugify
from .dates import strip_date_prefix
from .sites import SiteInfo

#: Jekyll's named permalink styles.
JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_TOKEN = re.compile(r":([a-z_]+)")
_INDEX_NAMES = ("index", "_index", "readme")


@dataclass(frozen=True)
class PageFacts:
    """What URL rules look at: the file's place, its front matter, title and date."""

    #: Path below the content folder, POSIX, e.g. ``posts/2020-01-01-x.md``.
    rel: str
    data: Mapping[str, Any]
    title: str
    date: dt.date | None
    #: "page", "section" (``_index.md``) or "bundle" (a page that is its folder's index).
    role: str = "page"

    def get(self, key: str) -> Any:
        lowered = {str(k).casefold(): v for k, v in self.data.items()}
        return lowered.get(key)


def match_key(url: str, site: SiteInfo | None = None) -> str | None:
    """A comparable form of a link to the old site; None when it points elsewhere.

    ``https://old.example.org/blog/x/index.html`` and ``/blog/x`` give the same key
    when the old site's address is known; fragments and queries are dropped.
    """
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https", "") or site is None:
            return None
        if parts.netloc.casefold() not in site.hosts():
            return None
    path = unquote(parts.path)
    if not path.startswith("/"):
        return None
    path = posixpath.normpath(path) if path not in ("/", "") else "/"
    path = re.sub(r"/(?:index|_index)\.(?:html?|php|md)$", "/", path, flags=re.IGNORECASE)
    path = re.sub(r"\.(?:html?|php|md|markdown)$", "", path, flags=re.IGNORECASE)
    path = path.rstrip("/") or "/"
    return path.casefold()


def strip_base(key: str, site: SiteInfo) -> str:
    base = site.base_path.casefold()
    if base and (key == base or key.startswith(base + "/")):
        return key[len(base) :] or "/"
    return key


def _as_path(value: str) -> str:
    value = value.strip()
    if "//" in value:
        value = urlsplit(value).path
    return value if value.startswith("/") else "/" + value


def _categories(facts: PageFacts, folders: list[str]) -> list[str]:
    raw = facts.get("categories")
    if raw is None:
        raw = facts.get("category")
    found: list[str] = list(folders)
    if isinstance(raw, str):
        found += raw.split()
    elif isinstance(raw, list):
        found += [str(item) for item in raw if isinstance(item, (str, int))]
    return [c.casefold() for c in dict.fromkeys(found) if c]


def _hugo_title(text: str) -> str:
    # Hugo's urlize: lower case, spaces to hyphens, most punctuation kept out.
    return re.sub(r"[^\w.~-]+", "-", text.strip().casefold()).strip("-")


def expand(pattern: str, facts: PageFacts, site: SiteInfo, *, jekyll: bool) -> str:
    """``pattern`` with its ``:tokens`` filled in for this page."""
    rel = facts.rel
    folder, name = posixpath.split(rel)
    stem = name.rsplit(".", 1)[0]
    if facts.role == "bundle":
        folder, stem = posixpath.split(folder)
    parts = [p for p in folder.split("/") if p]
    date = facts.date
    bare = strip_date_prefix(stem)
    slug_value = facts.get("slug")
    slug_text = str(slug_value) if isinstance(slug_value, (str, int)) and slug_value else ""
    if jekyll:
        posts_at = parts.index("_posts") if "_posts" in parts else len(parts)
        title_token = slug_text or bare
        slug_token = slugify(slug_text or bare) or bare
        categories = "/".join(_categories(facts, parts[:posts_at]))
    else:
        title_token = _hugo_title(facts.title) or bare
        slug_token = slug_text or title_token
        categories = "/".join(_categories(facts, []))
    values = {
        "year": f"{date.year:04d}" if date else "",
        "short_year": f"{date.year % 100:02d}" if date else "",
        "month": f"{date.month:02d}" if date else "",
        "i_month": str(date.month) if date else "",
        "day": f"{date.day:02d}" if date else "",
        "i_day": str(date.day) if date else "",
        "y_day": f"{date.timetuple().tm_yday:03d}" if date else "",
        "title": title_token,
        "slug": slug_token,
        "slugorfilename": slug_text or stem,
        "slugorcontentbasename": slug_text or stem,
        "filename": stem,
        "contentbasename": stem,
        "name": bare,
        "basename": stem,
        "categories": categories,
        "section": parts[0] if parts else "",
        "sections": "/".join(parts),
        "path": "/".join(parts) if jekyll else "/".join([*parts, stem]),
        "output_ext": ".html",
        "collection": parts[0].lstrip("_") if parts else "",
    }
    expanded = _TOKEN.sub(lambda m: values.get(m.group(1), m.group(0)), pattern)
    expanded = re.sub(r"/{2,}", "/", expanded)
    return expanded if expanded.startswith("/") else "/" + expanded


def old_url(facts: PageFacts, site: SiteInfo, permalink: str | None = None) -> str | None:
    """The page's URL on the old site (site-absolute), or None when it had none."""
    for key in ("url", "permalink", "path"):
        value = facts.get(key)
        if value is False:
            return None  # Eleventy's permalink: false (never written)
        if isinstance(value, str) and value.strip() and "{{" not in value:
            if key == "permalink" and ":" in value:
                return expand(value, facts, site, jekyll=site.generator == "jekyll")
            path = _as_path(value)
            if key == "path" and site.generator == "zola" and not _is_file_url(path):
                path += "/"  # Zola serves every page as a folder, unless named x.html
            return path
    url = _conventional_url(facts, site, permalink)
    # Hugo lower-cases the paths it derives from file names (disablePathToLower).
    return url.lower() if url and site.lower_urls else url


def _conventional_url(facts: PageFacts, site: SiteInfo, permalink: str | None) -> str | None:
    folder, name = posixpath.split(facts.rel)
    parts = [p for p in folder.split("/") if p]
    stem = name.rsplit(".", 1)[0]
    jekyll = site.generator == "jekyll"
    if facts.role == "section":
        pattern = site.permalinks.get(f"section:{parts[0]}") if parts else None
        if pattern:
            return expand(pattern, facts, site, jekyll=False)
        return "/" + "/".join(parts) + ("/" if parts else "")
    if permalink:
        return expand(permalink, facts, site, jekyll=jekyll)
    if jekyll:
        return _jekyll_url(facts, site, parts, stem)
    section = parts[0] if parts else ""
    pattern = site.permalinks.get(section) if site.generator == "hugo" else None
    if pattern:
        return expand(pattern, facts, site, jekyll=False)
    if facts.role == "bundle":
        parts, stem = parts[:-1], parts[-1] if parts else stem
    slug = facts.get("slug")
    if site.generator == "zola":
        last = str(slug) if isinstance(slug, str) and slug else slugify(strip_date_prefix(stem))
    elif site.generator == "eleventy":
        last = stem
    elif isinstance(slug, str) and slug.strip() and site.generator in ("hugo", "gatsby"):
        if slug.startswith("/"):
            return _as_path(slug)
        last = slug.strip("/")
    else:
        last = stem
    if facts.role == "page" and stem.casefold() in _INDEX_NAMES:
        return "/" + "/".join(parts) + ("/" if parts else "")
    if site.ugly_urls:
        return "/" + "/".join([*parts, last]) + ".html"
    return "/" + "/".join([*parts, last]) + "/"


def _jekyll_url(facts: PageFacts, site: SiteInfo, parts: list[str], stem: str) -> str:
    if "_posts" in parts or "_drafts" in parts:
        style = site.permalinks.get("posts", "date")
        pattern = JEKYLL_STYLES.get(style, style)
        return expand(pattern, facts, site, jekyll=True)
    if parts and parts[0].startswith("_"):
        collection = parts[0][1:]
        pattern = site.permalinks.get(collection, "/:collection/:path:output_ext")
        rest = "/".join([*parts[1:], stem])
        if ":path" in pattern:
            pattern = pattern.replace(":path", rest)
        return expand(pattern, facts, site, jekyll=True)
    style = site.permalinks.get("posts", "date")
    pretty = style == "pretty" or (style.endswith("/") and style not in JEKYLL_STYLES)
    if stem.casefold() == "index":
        return "/" + "/".join(parts) + ("/" if parts else "")
    path = "/" + "/".join([*parts, stem])
    return path + "/" if pretty else path + ".html"


def _is_file_url(path: str) -> bool:
    return path.endswith("/") or re.search(r"\.html?$", path, re.IGNORECASE) is not None


def alternates(url: str, facts: PageFacts) -> list[str]:
    """Other spellings of the same page that links may use (match keys differ)."""
    found: list[str] = []
    stem = posixpath.basename(facts.rel).rsplit(".", 1)[0]
    bare = strip_date_prefix(stem)
    if bare != stem and url.rstrip("/").endswith(stem):
        found.append(url.rstrip("/")[: -len(stem)] + bare + "/")
    return found


def aliases_of(
    facts: PageFacts, url: str | None, *, from_root: bool = False
) -> tuple[list[str], list[str]]:
    """(aliases, problems): ``aliases`` (Hugo, Zola) and ``redirect_from`` (Jekyll).

    A relative alias is relative to the page's folder (Hugo), or to the site's root when
    ``from_root`` (Zola, whose aliases are written without their leading slash).
    """
    found: list[str] = []
    problems: list[str] = []
    for key in ("aliases", "redirect_from", "alias"):
        value = facts.get(key)
        if value is None:
            continue
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            problems.append(f"{key} must be a list of paths; ignored")
            continue
        for item in items:
            if not isinstance(item, str) or not item.strip():
                problems.append(f"{key}: {item!r} is not a path; ignored")
                continue
            text = item.strip()
            if "//" in text or text.startswith("/") or from_root:
                found.append(_as_path(text))
            else:
                base = posixpath.dirname((url or "/").rstrip("/")) + "/"
                found.append(posixpath.normpath(base + text) + ("/" if text.endswith("/") else ""))
    return found, problems


def redirect_source(url: str, site: SiteInfo) -> str | None:
    """The file a redirect for ``url`` is written to (``x/index.html``); None if none can be."""
    path = unquote(urlsplit(url).path)
    if match_key(path) is None:
        return None
    base = site.base_path
    if base and path.casefold().startswith(base.casefold() + "/"):
        path = path[len(base) :]
    trailing = path.endswith("/")
    rel = posixpath.normpath("/" + path.lstrip("/")).lstrip("/")
    if not rel or rel == "." or ".." in rel.split("/"):
        return None  # the site's home page is the knowledge base's own
    if trailing:
        return rel + "/index.html"
    if re.search(r"\.html?$", rel, re.IGNORECASE):
        return rel
    if re.search(r"\.[A-Za-z][A-Za-z0-9]{1,4}$", rel.rsplit("/", 1)[-1]):
        return None  # x.php, x.xml: a static HTML page cannot stand in for them
    return rel + "/index.html"
