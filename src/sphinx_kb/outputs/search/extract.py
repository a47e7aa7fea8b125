"""What the search index takes from a written page: the result's fields and its text.

The page's searchable body lies between ``pages.START`` and ``pages.END``; the
wrapper's ``data-kb-*`` attributes say what a result shows (title, date, kind, tags)
and the body gives the words, split by weight: section headings count for more
than running text.  Bylines, heading permalinks, the H1 (the title is a field of
its own) and whatever sphinx-kb marks ``no-search`` (listings, glossary hover tips)
are never words of the page.  Nothing read here is ever turned back into markup:
results are built from text nodes.  lxml parses (a C parser, several times faster
than the standard library's on a site of thousands of pages).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import lxml.etree
import lxml.html

from .pages import END, START

#: Never words of the page (see the module's docstring).
EXCLUDED_CLASSES = frozenset({"kb-byline", "no-search", "headerlink"})
EXCLUDED_TAGS = frozenset({"h1", "script", "style", "template", "noscript"})
#: Weight of a heading's words (running text weighs 1).
HEADING_WEIGHT = {"h2": 3.0, "h3": 2.0, "h4": 2.0, "h5": 2.0, "h6": 2.0}
#: Inline elements: a word runs on across their edges (``<em>im</em>mune``).
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())  # noqa: SIM905
_INLINE = frozenset(
    "a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup "  # noqa: SIM905
    "time u var wbr".split()
)


@dataclass
class Record:
    """One search result and its words."""

    url: str
    kind: str
    title: str
    date: str = ""
    date_label: str = ""
    tags: tuple[str, ...] = ()
    #: Glossary entries: the term's anchor (the result links there) and definition.
    link: str = ""
    definition: str = ""
    #: Further names that weigh as the title does (a term's synonyms).
    names: tuple[str, ...] = ()
    #: (weight, text) runs; the snippet is taken from the weight-1 text.
    runs: list[tuple[float, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The page's words in order: what snippets are cut from."""
        return " ".join(" ".join(t.split()) for _w, t in self.runs if t.strip())


def _never_words(tag: str, attrs: Mapping[str, Any]) -> bool:
    """Whether an element's content is never a word of the page (the one rule, for both
    parsers)."""
    classes = (attrs.get("class") or "").split()
    return tag in EXCLUDED_TAGS or "hidden" in attrs or not EXCLUDED_CLASSES.isdisjoint(classes)


def _gap(tag: str) -> str:
    """What an element's edge puts between words."""
    return "" if tag in _INLINE else " "


class _Walk:
    """Text runs by weight, skipping what is never a word of the page."""

    def __init__(self) -> None:
        self.runs: list[tuple[float, str]] = []
        self.tags: list[str] = []

    def add(self, weight: float, text: str | None) -> None:
        if not text:
            return
        if self.runs and self.runs[-1][0] == weight:
            self.runs[-1] = (weight, self.runs[-1][1] + text)
        else:
            self.runs.append((weight, text))

    def element(self, element: Any, weight: float) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        gap = _gap(tag)
        if "data-kb-tag" in element.attrib:
            self.tags.append(element.get("data-kb-tag"))
        # No tag: a comment or processing instruction.
        if tag and not _never_words(tag, element.attrib):
            inner = HEADING_WEIGHT.get(tag, weight)
            self.add(inner, gap + (element.text or ""))
            for child in element:
                self.element(child, inner)
            self.add(inner, gap)
        self.add(weight, element.tail)


def body_slice(page: str) -> str | None:
    """The searchable body of a written page, or None when it has none."""
    start = page.find(START)
    end = page.find(END, start)
    return page[start:end] if start >= 0 and end >= 0 else None


class _Stream(HTMLParser):
    """The same walk as ``_Walk``, on the standard library's streaming parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.walk = _Walk()
        self.attrs: dict[str, str] | None = None
        self.stack: list[tuple[str, bool, float]] = []  # tag, skipped, weight

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self.attrs is None and "kb-search-body" in values.get("class", "").split():
            self.attrs = values
            return
        if "data-kb-tag" in values:
            self.walk.tags.append(values["data-kb-tag"])
        skip, weight = self.stack[-1][1:] if self.stack else (False, 1.0)
        gap = _gap(tag)
        if tag in _VOID:
            if not skip:
                self.walk.add(weight, gap)
            return
        skip = skip or _never_words(tag, values)
        weight = HEADING_WEIGHT.get(tag, weight)
        if not skip:
            self.walk.add(weight, gap)
        self.stack.append((tag, skip, weight))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                _tag, skip, weight = self.stack[depth]
                del self.stack[depth:]
                if not skip:
                    self.walk.add(weight, _gap(tag))
                return

    def handle_data(self, data: str) -> None:
        skip, weight = self.stack[-1][1:] if self.stack else (False, 1.0)
        if not skip:
            self.walk.add(weight, data)


def _streamed(url: str, body: str) -> Record:
    stream = _Stream()
    stream.feed(body)
    stream.close()
    return _make(url, stream.attrs or {}, stream.walk)


class Unreadable(ValueError):
    """A page body the HTML parser refused."""


def page_record(url: str, body: str) -> Record:
    """The result and words of one page's searchable body (``body_slice``); raises
    ``Unreadable`` when the parser refuses it."""
    try:
        return _record(url, body)
    except (ValueError, lxml.etree.LxmlError) as error:
        raise Unreadable(str(error) or type(error).__name__) from error


def _record(url: str, body: str) -> Record:
    # Under a parent of its own: a stray end tag in a page's raw HTML may close the
    # wrapper early, leaving the rest of the body beside it, still read.
    parser = lxml.html.HTMLParser()
    root = lxml.html.fragment_fromstring(body, create_parent="div", parser=parser)
    if any(error.level_name == "FATAL" for error in parser.error_log):
        # libxml2 stops at 256 nested elements and drops the rest of the page (raw
        # HTML can nest that deep): the standard library's parser has no such limit.
        return _streamed(url, body)
    wrapper = root
    if len(root) and "kb-search-body" in (root[0].get("class") or "").split():
        wrapper = root[0]
    walk = _Walk()
    walk.add(1.0, wrapper.text)
    for child in wrapper:
        walk.element(child, 1.0)
    if wrapper is not root:
        walk.add(1.0, wrapper.tail)
        for child in root[1:]:
            walk.element(child, 1.0)
    return _make(url, wrapper.attrib, walk)


def _make(url: str, attrs: Any, walk: _Walk) -> Record:
    return Record(
        url=url,
        kind=attrs.get("data-kb-kind", "page"),
        title=attrs.get("data-kb-title", ""),
        date=attrs.get("data-kb-date", ""),
        date_label=attrs.get("data-kb-date-label", ""),
        tags=tuple(walk.tags),
        runs=walk.runs,
    )
