"""Which URLs untrusted content may put into a page: one rule for the build,
``kb import`` and ``kb check``.

Allowed: ``http``, ``https``, ``mailto``, ``tel`` and references without a scheme
(relative paths, ``/root`` paths, ``//host`` and ``#anchors``).  Everything else is
refused: ``javascript:`` and ``vbscript:`` run script, ``file:`` reads the
reader's disk, and ``data:`` is refused whole (``data:image/svg+xml`` can carry
script when opened as a document, and content has no need for inline images:
pictures are files in the project).

A URL is judged the way a browser reads it, not as written: character references
are decoded (``jav&#x09;ascript:``), ASCII tab and newline are removed anywhere,
leading and trailing C0 controls and spaces are stripped, and the scheme is
compared without case (``JaVaScRiPt:``).  The scheme itself comes from
:func:`urllib.parse.urlsplit`, whose scheme grammar is the WHATWG one.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Attributes whose value is a URL (or, for srcset, a list of them).
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "poster", "cite", "background", "data",
     "longdesc", "xlink:href", "srcset", "ping", "manifest", "codebase", "usemap"}
)  # fmt: skip

# What the WHATWG URL parser drops: tab/LF/CR anywhere, C0 controls and space at the ends.
_REMOVED = re.compile(r"[\t\n\r]")
_EDGES = "".join(chr(c) for c in range(0x21))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def normalize(url: str) -> str:
    """``url`` as a browser reads it from an attribute (entities decoded, blanks removed)."""
    return _REMOVED.sub("", html.unescape(url)).strip(_EDGES)


def _suspicious(url: str) -> str:
    """``url`` read as loosely as any browser ever did: Unicode spaces at the start and
    invisible (format) characters anywhere dropped too.  Chromium keeps them (the URL is
    then relative), but older engines did not, so a scheme hidden behind them counts."""
    visible = "".join(c for c in url if unicodedata.category(c) != "Cf")
    return visible.lstrip()


def scheme_of(url: str) -> str:
    """The lower-case scheme a browser sees in ``url``; ``""`` for a relative reference."""
    try:
        return urlsplit(_suspicious(normalize(url))).scheme.lower()
    except ValueError:  # e.g. an invalid IPv6 host: not a URL a browser would follow either
        return "invalid"


def is_safe_url(url: str) -> bool:
    """Whether content may link to (or load) ``url``."""
    if _CONTROL.search(normalize(url)):
        return False  # no real address has one; browsers differ on what they mean
    scheme = scheme_of(url)
    return scheme == "" or scheme in SAFE_SCHEMES


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` value (each candidate is a URL and a descriptor)."""
    return [part.split()[0] for part in value.split(",") if part.split()]


def unsafe_in_attribute(name: str, value: str) -> list[str]:
    """The unsafe URLs an attribute carries (none unless it is a URL attribute)."""
    name = name.lower()
    if name not in URL_ATTRIBUTES:
        return []
    urls = srcset_urls(value) if name == "srcset" else [value]
    return [url for url in urls if not is_safe_url(url)]


def describe(url: str, limit: int = 60) -> str:
    """A short, printable form of a refused URL for a warning."""
    shown = normalize(url)
    shown = "".join(c if c.isprintable() else "?" for c in shown)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def refused(url: str, what: str) -> str:
    """The one warning for a refused URL, the same in the build, ``kb import`` and ``kb check``."""
    scheme = scheme_of(url)
    kind = f"a {scheme}: URL" if scheme not in ("", "invalid") else "a URL that is not allowed"
    return f"{what} to {kind} removed: {describe(url)!r}"
