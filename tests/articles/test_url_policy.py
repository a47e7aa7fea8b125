"""One rule for the URLs content may put into a page, judged as a browser reads them."""

from __future__ import annotations

import pytest

from sphinx_kb.articles.url_policy import (
    describe,
    is_safe_url,
    normalize,
    scheme_of,
    unsafe_in_attribute,
)

SAFE = [
    "https://example.org/a?b=1#c",
    "http://example.org",
    "mailto:someone@example.org",
    "tel:+441234567",
    "other.html",
    "../a/b.html#x",
    "/root/page.html",
    "//cdn.example.org/x.png",
    "#anchor",
    "?q=1",
    "",
    "HTTPS://EXAMPLE.ORG",
]
UNSAFE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "\x00javascript:alert(1)",
    "jav\tascript:alert(1)",
    "jav\nascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "jav&#9;ascript:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/png;base64,iVBORw0KGgo=",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd",
    "ftp://example.org/x",
    "java\x0bscript:x",
    "\u00a0javascript:alert(1)",
    "\u2028javascript:alert(1)",
    "\u3000javascript:alert(1)",
    "\u200bjavascript:alert(1)",
    "java\u200bscript:alert(1)",
    "&#x2000;javascript:alert(1)",
]


@pytest.mark.parametrize("url", SAFE)
def test_allowed(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize("url", UNSAFE)
def test_refused(url: str) -> None:
    assert not is_safe_url(url)


def test_normalize_reads_like_a_browser() -> None:
    assert normalize(" \x01jav&#x09;a\nscript:x ") == "javascript:x"
    assert scheme_of("JaVaScRiPt:x") == "javascript"
    assert scheme_of("page.html") == ""


def test_attribute_check() -> None:
    assert unsafe_in_attribute("HREF", "javascript:x") == ["javascript:x"]
    assert unsafe_in_attribute("title", "javascript:x") == []
    assert unsafe_in_attribute("srcset", "a.png 1x, javascript:x 2x") == ["javascript:x"]


def test_describe_is_printable_and_short() -> None:
    assert describe("java\x00script:" + "a" * 100).isprintable()
    assert len(describe("javascript:" + "a" * 100)) == 60
