"""sphinxext-opengraph's tags, as it leaves them in a page's ``metatags``.

sphinxext-opengraph writes its ``<meta>`` tags as text into the page context's
``metatags`` (``html-page-context``, priority 500) and has no per-page hook at write
time; ``outputs.page_meta`` then drops its scraped description and makes articles
``og:type`` "article".  Tags are found by their parsed ``name``/``property``
attribute, never by the exact text written, so a change of attribute order, quoting
or self-closing does not make the edit miss: when a tag is not there, nothing is
replaced (the page keeps sphinxext-opengraph's own).  ``import_quietly`` silences
the "matplotlib is not installed" line it prints at import
(Robpol86/robpol86.com#326).  Remove when sphinxext-opengraph takes a description and
type per page at write time.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

OPENGRAPH = "sphinxext.opengraph"
#: One ``<meta>`` element, quoted attribute values may hold ">".
_META = re.compile(r"""<meta\b(?:[^>"']|"[^"]*"|'[^']*')*>\n?""", re.IGNORECASE)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def meta_key(element: str) -> str:
    """The ``property`` (or ``name``) of one ``<meta>`` element, lower-cased."""
    parser = _Attributes()
    parser.feed(element)
    parser.close()
    return (parser.found.get("property") or parser.found.get("name") or "").lower()


def edit_metatags(metatags: str, changes: dict[str, str | None]) -> str:
    """Each ``<meta>`` whose key is in ``changes`` replaced by its value (None: dropped)."""

    def edit(match: re.Match[str]) -> str:
        key = meta_key(match.group(0))
        if key not in changes:
            return match.group(0)
        new = changes[key]
        return "" if new is None else new + ("\n" if match.group(0).endswith("\n") else "")

    return _META.sub(edit, metatags)


def import_quietly(app: Sphinx) -> None:
    """At ``setup``: import sphinxext-opengraph before Sphinx does, without its print.

    Works when ``sphinx_kb`` comes before it in ``extensions``.
    """
    if OPENGRAPH in app.config.extensions:
        with contextlib.redirect_stdout(io.StringIO()):
            importlib.import_module(OPENGRAPH)
