"""The first pass of an import: every source, what it is, where it was and where it goes.

Before any page is converted, each source file is read once for its front matter
and headings, and given

* a *role*: ``page``, ``section`` (``_index.md``, or an ``index.md``/``README.md``
  whose folder holds other pages), ``bundle`` (a Hugo leaf bundle's ``index.md``),
  or a reason it is left out: ``partial`` (``_TEMPLATE.md``, ``_includes/``,
  ``layouts/``...), ``headless``, ``draft``, ``excluded`` (``--exclude``);
* its title, its date and where the date came from (:mod:`.dates`);
* its old URL, the other spellings links use, and its aliases (:mod:`.oldurls`);
* the anchors its headings had on the old site.

:mod:`.layout` then gives every page its new docname, and :mod:`.links` uses the
whole survey to rewrite links between pages.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from docutils.nodes import make_id

from ..articles.frontmatter import FrontMatterError, decode_bytes, split_front_matter
from ..articles.model import normalize, parse_date
from ..articles.yaml_reader import flag
from .dates import infer_date
from .headings import generator_anchor, heading_text, scan_headings, section_id
from .inline import fix_text
from .oldurls import PageFacts, aliases_of, alternates, old_url
from .sites import SiteInfo
from .sources import Source

#: Folders whose Markdown files are templates, includes or data, never pages.
PARTIAL_FOLDERS = frozenset(
    {
        "_includes",
        "_layouts",
        "_data",
        "_sass",
        "_site",
        "includes",
        "layouts",
        "partials",
        "archetypes",
        "node_modules",
        "static",
        "public",
        "resources",
        "themes",
        "i18n",
        "assets",
        "_javascript",
        "_plugins",
    }
)
DRAFT_FOLDERS = frozenset({"_drafts", "drafts"})
_ANCHOR_TAG = re.compile(r"""<a\s+(?:[^>]*?\s)?(?:id|name)\s*=\s*["']?(?P<id>[^"'\s>]+)""", re.I)


@dataclass
class Surveyed:
    """One source as the whole import sees it."""

    source: Source
    #: Path below the folder given on the command line (POSIX).
    rel: str
    #: Path below the site's content folder, which old URLs are built from.
    url_rel: str
    role: str = "page"
    #: Why the file is left out (for the report), when it is.
    reason: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    date: dt.date | None = None
    date_origin: str = ""
    url: str | None = None
    alternates: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: Old anchor -> what a MyST link must name (a label, or the heading's section id).
    anchors: dict[str, str] = field(default_factory=dict)
    #: Headings: (anchor the generator gave it, its section id here, explicit ``{#id}``).
    headings: list[tuple[str, str, str]] = field(default_factory=list)
    #: Ids of empty ``<a id="x"></a>`` anchors.
    html_ids: list[str] = field(default_factory=list)
    #: ``#fragments`` this page's links name (any page's).
    fragments: set[str] = field(default_factory=set)
    #: Heading section id, explicit id or anchor id -> the label written above it.
    labels: dict[str, str] = field(default_factory=dict)
    has_body: bool = False
    #: Docname below --dest (``guide/install``); "" until laid out, or when left out.
    docname: str = ""
    #: A section page's toctree globs (``*/index`` for subsections, ``*`` for pages).
    section_patterns: list[str] = field(default_factory=list)

    @property
    def imported(self) -> bool:
        return self.role in ("page", "section", "bundle")


def _folded(data: Mapping[str, Any]) -> dict[str, Any]:
    return {str(key).casefold(): value for key, value in data.items()}


def _truthy(value: Any) -> bool:
    return flag(value) is True


def _draft(data: Mapping[str, Any]) -> bool:
    folded = _folded(data)
    return _truthy(folded.get("draft")) or flag(folded.get("published")) is False


def _headless(data: Mapping[str, Any]) -> bool:
    folded = _folded(data)
    if _truthy(folded.get("headless")):
        return True
    for key in ("_build", "build"):
        options = folded.get(key)
        if isinstance(options, Mapping) and (
            _folded(options).get("render") == "never"
            or flag(_folded(options).get("render")) is False
        ):
            return True
    return False


def _title_of(title: str, headings: list[tuple[int, str, str]], stem: str) -> str:
    """The title as the conversion will find it: front matter, first heading, file name."""
    if title:
        return " ".join(fix_text(title, Counter()).split())
    if headings:
        return heading_text(fix_text(headings[0][1], Counter()))
    words = re.sub(r"[-_]+", " ", re.sub(r"^\d{4}-\d{2}-\d{2}[-_]", "", stem)).strip()
    return words[:1].upper() + words[1:] if words else stem


def role_of(rel: str, data: Mapping[str, Any], siblings: set[str], drafts: bool) -> tuple[str, str]:
    """(role, reason) of a file from its path and front matter."""
    parts = rel.split("/")
    name = parts[-1]
    stem = name.rsplit(".", 1)[0].casefold()
    folders = [p.casefold() for p in parts[:-1]]
    if any(f in PARTIAL_FOLDERS for f in folders):
        return "partial", "in a folder of templates or includes"
    if not drafts and any(f in DRAFT_FOLDERS for f in folders):
        return "draft", "in a drafts folder"
    if name.startswith("_") and stem != "_index":
        return "partial", "a partial or template (its name starts with '_')"
    if _headless(data):
        return "headless", "a headless bundle (never rendered as a page)"
    if not drafts and _draft(data):
        return "draft", "a draft (use --include-drafts to import it)"
    if _folded(data).get("permalink") is False:
        return "partial", "permalink: false (never rendered as a page)"
    if stem == "_index":
        return "section", ""
    if stem in ("index", "readme"):
        folder = "/".join(parts[:-1])
        if stem == "readme" and f"{folder}/index" in siblings:
            return "page", ""
        others = {s for s in siblings if s.startswith(folder + "/" if folder else "")}
        others.discard(f"{folder}/{stem}" if folder else stem)
        if not folder:
            return ("section", "") if others else ("page", "")
        return ("section", "") if others else ("bundle", "")
    return "page", ""


def _below_content_root(path: Path, roots: Sequence[Path], site: SiteInfo) -> bool:
    """Whether an imported folder holds the content root (Hugo's ``content/<lang>``)."""
    content = site.content_root
    if content is None or not any(content.resolve().is_relative_to(r) for r in roots):
        return False
    return path.is_relative_to(content.resolve()) and all(content.resolve() != r for r in roots)


def survey(
    sources: Sequence[Source],
    roots: Sequence[Path],
    site: SiteInfo,
    *,
    field_map: Mapping[str, tuple[str, ...]],
    permalink: str | None = None,
    excludes: Sequence[str] = (),
    drafts: bool = False,
) -> list[Surveyed]:
    """Pass one: read every source's front matter and headings; nothing is written."""
    found: list[Surveyed] = []
    for source in sources:
        rel = _relative(source.resolved, roots)
        url_rel = _relative(source.resolved, [site.content_root] if site.content_root else roots)
        if _below_content_root(source.resolved, roots, site):
            rel = url_rel  # content/en/x.md imported from content/: the folders start at x
        found.append(Surveyed(source, rel, url_rel))
    stems = {posixpath.splitext(item.rel)[0].casefold() for item in found}
    for item in found:
        if any(fnmatch(item.rel, g) or fnmatch(posixpath.basename(item.rel), g) for g in excludes):
            item.role, item.reason = "excluded", "matches --exclude"
            continue
        _read(item, site, field_map, permalink, stems, drafts)
    return found


def _relative(path: Path, roots: Sequence[Path]) -> str:
    for root in roots:
        try:
            return path.relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return path.name


def _read(
    item: Surveyed,
    site: SiteInfo,
    field_map: Mapping[str, tuple[str, ...]],
    permalink: str | None,
    stems: set[str],
    drafts: bool,
) -> None:
    try:
        fm = split_front_matter(decode_bytes(item.source.path.read_bytes()).text)
    except (OSError, FrontMatterError):
        item.role = "unreadable"  # the conversion reports why
        return
    item.data = dict(fm.data)
    item.role, item.reason = role_of(item.rel, fm.data, stems, drafts)
    if item.imported and fm.kind == "none" and site.generator == "jekyll":
        item.role, item.reason = "partial", "no front matter: Jekyll copies it, not a page"
    headings = scan_headings(fm.body)
    item.has_body = bool(fm.body.strip())
    stem = posixpath.basename(item.rel).rsplit(".", 1)[0]
    article, _problems = normalize(fm, field_map=field_map)
    item.title = _title_of(article.title, headings, stem)
    if article.date is not None:
        item.date, item.date_origin = article.date, f"front matter '{article.sources['date']}'"
    else:
        item.date, item.date_origin = infer_date(item.url_rel, fm.data)
        if item.date is None:
            # A date key the model does not map (Zola "date" in [extra], lastmod...).
            for key in ("lastmod", "updated", "modified"):
                value = _folded(fm.data).get(key)
                parsed = parse_date(value) if value is not None else None
                if parsed is not None:
                    item.date = parsed.date() if isinstance(parsed, dt.datetime) else parsed
                    item.date_origin = f"front matter '{key}'"
                    break
    role = item.role if item.role in ("section", "bundle") else "page"
    facts = PageFacts(item.url_rel, fm.data, item.title, item.date, role)
    item.url = old_url(facts, site, permalink)
    if item.url:
        item.alternates = alternates(item.url, facts)
    item.aliases, item.problems = aliases_of(facts, item.url, from_root=site.generator == "zola")
    _anchors(item, headings, fm.body)


_FRAGMENT = re.compile(r"""(?:\]\(|href\s*=\s*["']?|ref\s+["']?|\]:\s*)[^)\s"'#]*#([\w.:-]+)""")


def _anchors(item: Surveyed, headings: list[tuple[int, str, str]], body: str) -> None:
    for _index, text, explicit in headings:
        own = section_id(text)
        generated = generator_anchor(text)
        item.headings.append((generated, own, explicit))
        for old in (generated, own):
            if old:
                item.anchors.setdefault(old, own)
        if explicit:
            item.anchors[explicit] = make_id(explicit)
    for match in _ANCHOR_TAG.finditer(body):
        item.html_ids.append(match.group("id"))
        item.anchors.setdefault(match.group("id"), make_id(match.group("id")))
    item.fragments = {m.group(1).casefold() for m in _FRAGMENT.finditer(body)}
