"""``kb import`` on a published corpus of mutation-XSS payloads (DOMPurify's test suite,
tests/fixtures/xss/): nothing live comes out, and what comes out is a fixed point."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
from markdown_it import MarkdownIt

from .conftest import FIXTURES, Run, page

PAYLOADS: list[str] = json.loads(
    (FIXTURES / "xss" / "dompurify-payloads.json").read_text(encoding="utf-8")
)
#: Nested so that one pass of removal rebuilds what it removed (issue 19, hole 3).
REBUILDING = [
    "<scr<script>x</script>ipt>window.__pwned=1</scr<script>x</script>ipt>",
    "<sty<style>x</style>le>body{display:none}</sty<style>x</style>le>",
    '<<script>x</script>img src=x onerror="window.__pwned=1">',
    "<scr<style>x</style>ipt>window.__pwned=1</script>",
]
LIVE_TAGS = {"script", "style", "iframe", "object", "embed", "base", "meta", "link", "svg"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "srcset", "xlink:href"}
# What a browser's URL parser strips before it reads the scheme.
_STRIPPED = re.compile(r"^[\x00-\x20]+|[\t\n\r]")


def live_parts(markdown: str) -> list[str]:
    """Script that the page would run: live tags, event handlers, script URLs."""
    rendered = MarkdownIt("commonmark").render(markdown)
    tree = lxml.html.fromstring(f"<div>{rendered}</div>")
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in LIVE_TAGS:
            found.append(f"<{element.tag}>")
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(name)
            scheme = _STRIPPED.sub("", value).lower()
            if name in URL_ATTRIBUTES and scheme.startswith(("javascript:", "vbscript:", "data:")):
                found.append(f"{name}={value!r}")
    return found


def test_no_payload_comes_out_live_and_the_output_is_a_fixed_point(
    kb: Callable[..., Run], tmp_path: Path
) -> None:
    src = tmp_path / "export"
    src.mkdir()
    payloads = [*PAYLOADS, *REBUILDING]
    assert len(payloads) >= 60
    for number, payload in enumerate(payloads):
        # Each payload as an HTML block and inline in a paragraph.
        text = f"---\ntitle: Payload {number}\n---\n\n{payload}\n\nSome text {payload} here.\n"
        (src / f"p{number:03d}.md").write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    first = tmp_path / "docs" / "first"
    run = kb(src, "--dest", first)
    assert run.code == 0, run.err
    bodies = {path.name: page(path)[1] for path in first.glob("*.md")}
    assert len(bodies) == len(payloads)
    live = {name: parts for name, body in bodies.items() if (parts := live_parts(body))}
    assert live == {}
    # The rebuilding payloads really were there to remove.
    for number in range(len(PAYLOADS), len(payloads)):
        assert "pwned" not in bodies[f"payload-{number}.md"]
    # Importing the output again changes nothing: one more pass would find nothing.
    second = tmp_path / "docs" / "second"
    run = kb(first, "--dest", second)
    assert run.code == 0, run.err
    again = {path.name: page(path)[1] for path in second.glob("*.md")}
    assert again == bodies
