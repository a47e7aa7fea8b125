"""What :func:`~.convert.convert` needs to know about the whole site to convert one page.

A :class:`Migration` is made per page in the second pass of an import.  It runs
the generator-markup pass (:mod:`.shortcodes`, :mod:`.labels`) on the body before
repair, hands the repair pass a link resolver (:mod:`.links`), and maps every line
of the converted text back to the line of the source file it came from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..articles.frontmatter import FrontMatter
from .inline import ImageRewriter
from .labels import apply_labels
from .links import LinkResolver, LinkStats, SiteMap
from .shortcode_kinds import MarkupContext
from .shortcodes import convert_markup
from .sites import SiteInfo
from .survey import Surveyed
from .tables import join_tables


@dataclass
class Migration:
    page: Surveyed
    site: SiteInfo
    sitemap: SiteMap
    variables: dict[str, str] = field(default_factory=dict)
    #: Includes are looked up only inside this folder.
    confine: Path | None = None
    #: Glossary term pages (survey entry id -> term): links to them become term links.
    terms: dict[int, str] = field(default_factory=dict)
    resolver: LinkResolver = field(init=False)
    counts: Counter[str] = field(default_factory=Counter)
    #: (file line, message)
    notes: list[tuple[int, str]] = field(default_factory=list)
    #: Converted body line (1-based) -> file line.
    _map: list[int] = field(default_factory=list)
    _body_line: int = 1

    def __post_init__(self) -> None:
        self.resolver = LinkResolver(self.sitemap, self.page, self.terms)

    @property
    def links(self) -> LinkStats:
        return self.resolver.stats

    def prepare(self, body: str, body_line: int, images: ImageRewriter | None) -> str:
        """The body with generator markup converted; remembers where each line came from."""
        self._body_line = body_line
        context = MarkupContext(
            self.page, self.site, self.sitemap, images, self.variables, self.confine, body_line
        )
        converted = convert_markup(body, context)
        self.counts.update(converted.counts)
        self.notes.extend((body_line + line, message) for line, message in converted.notes)
        text, label_map, label_counts = apply_labels(
            converted.text, converted.lines, self.page.labels
        )
        self.counts.update(label_counts)
        text, label_map, tables = join_tables(text, label_map)
        self.counts["html-table-joined"] += tables
        self._map = [body_line + line for line in label_map] or [body_line]
        return text

    def file_line(self, line: int) -> int:
        """The file line of a 1-based line of the prepared body."""
        if not self._map:
            return self._body_line + line - 1
        return self._map[min(max(line, 1), len(self._map)) - 1]

    def images_for(self, images: ImageRewriter | None) -> ImageRewriter | None:
        if images is None:
            return None
        return lambda url, line: images(url, self.file_line(line))

    def link_hook(self) -> Callable[[str, int], object]:
        return lambda url, line: self.resolver.resolve(url, self.file_line(line))

    def lift_taxonomies(self, fm: FrontMatter) -> FrontMatter:
        """Tags where generators keep them: Zola's ``[taxonomies]``; Jekyll's word lists."""
        data = dict(fm.data)
        lines = dict(fm.key_lines)
        folded = {str(k).casefold(): k for k in data}
        taxonomies = data.get(folded.get("taxonomies", ""))
        if isinstance(taxonomies, dict):
            for key in ("tags", "categories"):
                if key not in folded and isinstance(taxonomies.get(key), list):
                    data[key] = taxonomies[key]
                    lines.setdefault(key, fm.line_of(folded["taxonomies"]))
        if self.site.generator == "jekyll":
            # Jekyll reads "tags: a b" and "categories: a b" as lists of words.
            for key in ("tags", "categories", "category"):
                original = folded.get(key)
                if original is not None and isinstance(data[original], str):
                    data[original] = data[original].split()
        return FrontMatter(data, fm.body, fm.body_line, lines, fm.kind)

    def complete_front_matter(self, front: dict[str, Any]) -> dict[str, Any]:
        """The date the survey found elsewhere (file name, folders, path) when none is set."""
        if "date" in front or self.page.date is None or self.page.role == "section":
            return front
        completed: dict[str, Any] = {}
        for key, value in front.items():
            completed[key] = value
            if key == "title":
                completed["date"] = self.page.date.isoformat()
        return completed
