"""The one HTML policy: what raw HTML from content may keep, for the build (every
content page), ``kb import`` and ``kb check`` alike.

* Tags and attributes: nh3's (ammonia's) allowed set, plus ``class``, ``title``,
  ``lang`` and ``dir`` everywhere.  No ``id``: the page's own scripts and Sphinx's
  anchors look elements up by id, and content must not be able to clobber them
  (DOM clobbering) or steal a section's anchor.  ``kb import`` used to keep ``id``
  and the build used to remove it, so imported ids never reached a page anyway.
* ``<script>`` and ``<style>`` are removed together with their content; comments
  are removed (conditional comments are read by old browsers).
* URLs: only what :mod:`.url_policy` allows, both by nh3's scheme list and by the
  policy's own check of every URL attribute (one rule, see :func:`unsafe_urls`).
* Applied to a fixed point: the output is cleaned again until it stops changing, so
  a payload nested to rebuild what one pass removed (``<scr<script>x</script>ipt>``)
  cannot survive.  Output that never settles is escaped whole.
"""

from __future__ import annotations

import copy
import html
from html.parser import HTMLParser

import nh3

from .url_policy import SAFE_SCHEMES, unsafe_in_attribute

ALLOWED_TAGS = frozenset(nh3.ALLOWED_TAGS)
#: Removed together with their content.
CONTENT_TAGS = frozenset({"script", "style"})
VOID_TAGS = frozenset({"area", "br", "col", "hr", "img", "wbr"})
ATTRIBUTES: dict[str, set[str]] = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
ATTRIBUTES["*"] = {"class", "title", "lang", "dir"}
#: Passes at most; real content settles after one or two.
MAX_ROUNDS = 8


def _url_filter(element: str, attribute: str, value: str) -> str | None:
    # nh3 checks href/src schemes itself; this applies the same rule to every URL
    # attribute nh3 lets through, so the policy is one rule, not two.
    return None if unsafe_in_attribute(attribute, value) else value


#: Built once; building a cleaner per node would dominate big pages.
CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CONTENT_TAGS),
    attributes=ATTRIBUTES,
    attribute_filter=_url_filter,
    url_schemes=set(SAFE_SCHEMES),
    # No target= is allowed, so rel="noopener" protects nothing; leaving it out keeps
    # harmless HTML unchanged (the importer keeps the author's spelling when it can).
    link_rel=None,
    strip_comments=True,
)


def sanitize(fragment: str) -> str:
    """``fragment`` cleaned by the policy until cleaning changes nothing more."""
    current = fragment
    for _ in range(MAX_ROUNDS):
        cleaned = CLEANER.clean(current)
        if cleaned == current:
            return cleaned
        current = cleaned
    # Still changing: keep the text, never the markup.
    return html.escape(current)


class _URLReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None:
                self.unsafe.extend(unsafe_in_attribute(name, value))

    handle_startendtag = handle_starttag


def unsafe_urls(fragment: str) -> list[str]:
    """The URLs in ``fragment``'s tags that the policy refuses (for a warning)."""
    if "<" not in fragment:
        return []
    reader = _URLReader()
    reader.feed(fragment)
    reader.close()
    return reader.unsafe
