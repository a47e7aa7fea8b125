"""Anchors written for other generators, made into MyST labels; kramdown attributes removed.

* ``## Heading {#id}`` (Hugo, kramdown, Pandoc): the ``{#id}`` goes, and when ``id``
  is not the id the heading gets anyway, a ``(label)=`` target is put above it;
* ``<a id="x"></a>`` / ``<a name="x"></a>`` (the build removes ``id`` attributes)
  become a ``(label)=`` target above the block they were in;
* kramdown's attribute lists (``{:target="_blank"}``, ``{: .note}``) and its
  ``{:toc}`` marker (with the ``* TOC`` line before it) are removed: MyST would show
  them as text, and the theme already shows the page's contents.

Labels are global in Sphinx, so an id used by several imported pages is prefixed
with its page's name (:func:`assign_labels`); links to it use the label.
Code blocks are never touched.  Each output line keeps the line it came from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .headings import section_id
from .survey import Surveyed

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING_ID = re.compile(
    r"^(?P<head> {0,3}#{1,6}[ \t]+.*?)[ \t]*\{#(?P<id>[A-Za-z0-9_:.-]+)[^}]*\}[ \t]*$"
)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
_EMPTY_ANCHOR = re.compile(
    r"""<a\s+(?:[^>]*?\s)?(?:id|name)\s*=\s*["']?(?P<id>[A-Za-z0-9_:.-]+)["']?[^>]*?>\s*</a>"""
    r"""|<a\s+(?:[^>]*?\s)?(?:id|name)\s*=\s*["']?(?P<id2>[A-Za-z0-9_:.-]+)["']?[^>]*?/>""",
    re.IGNORECASE,
)
_IAL_LINE = re.compile(r"^ {0,3}\{:[^}\n]*\}[ \t]*$")
_IAL_INLINE = re.compile(r"(?<=[)\]*_`])\{:[^}\n]*\}")
_TOC_LINE = re.compile(r"^ {0,3}[*+-] TOC[ \t]*$")
_RESERVED = frozenset({"genindex", "modindex", "search", "tagoverview"})
#: The first line of a CommonMark HTML block (kinds 1-7), roughly: labels cannot go there.
_HTML_BLOCK = re.compile(
    r"^ {0,3}(?:<(?:script|pre|style|textarea)[\s>]|<!--|<\?|<![A-Za-z]|<!\[CDATA\["
    r"|</?(?:address|article|aside|blockquote|body|caption|center|col|colgroup|dd|details|dialog"
    r"|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|html|iframe|legend"
    r"|li|main|menu|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)(?:\s|/?>|$)"
    r"|(?:<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$)",
    re.IGNORECASE,
)


def assign_labels(items: Sequence[Surveyed]) -> None:
    """Label every anchor a link names (and every explicit id); map anchors to labels.

    MyST resolves ``page.md#x`` against labels (heading ids only with
    ``myst_heading_anchors``), so each anchor that some link names gets a label;
    explicit ids always do, so the element keeps the id old deep links use.
    """
    pages = [item for item in items if item.docname]
    fragments: set[str] = set()
    for item in pages:
        fragments |= item.fragments
    wanted: dict[int, dict[str, tuple[str, list[str]]]] = {}
    users: Counter[str] = Counter()
    for item in pages:
        chosen: dict[str, tuple[str, list[str]]] = {}
        for generated, own, explicit in item.headings:
            keys = [key for key in (explicit, generated, own) if key]
            if explicit or any(key.casefold() in fragments for key in keys):
                chosen.setdefault(explicit or own, ((explicit or own).casefold(), keys))
        for ident in item.html_ids:
            chosen.setdefault(ident, (ident.casefold(), [ident]))
        wanted[id(item)] = chosen
        users.update({name for name, _keys in chosen.values()})
    for item in pages:
        slug = item.docname.rsplit("/", 1)[-1]
        for key, (name, keys) in wanted[id(item)].items():
            if users[name] > 1 or name in _RESERVED or name.startswith("sphx_tag_"):
                name = f"{slug}-{name}"
            item.labels[key] = name
            for old in keys:
                item.anchors[old] = name
                item.anchors[old.casefold()] = name


def apply_labels(
    text: str, lines: list[int], labels: dict[str, str]
) -> tuple[str, list[int], Counter[str]]:
    """The text with anchors as labels and kramdown attributes removed (module docstring)."""
    counts: Counter[str] = Counter()
    source = text.split("\n")
    out: list[str] = []
    mapped: list[int] = []
    written: set[str] = set()
    fence = ""
    block_start = 0  # index in ``out`` where the current block began
    in_html = False  # whether that block is raw HTML (a label there would end it)

    def label_line(ident: str) -> str | None:
        label = labels.get(ident)
        if not label or label in written:
            return None
        written.add(label)
        return f"({label})="

    for index, line in enumerate(source):
        origin = lines[index] if index < len(lines) else (lines[-1] if lines else 0)
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            out.append(line)
            mapped.append(origin)
            continue
        if opening:
            fence = opening.group(1)
        if not line.strip():
            block_start = len(out) + 1
            in_html = False
        elif len(out) == block_start or not out:
            in_html = bool(_HTML_BLOCK.match(line))
        if not line.strip():
            pass
        elif _TOC_LINE.match(line) and index + 1 < len(source) and "{:toc}" in source[index + 1]:
            counts["kramdown-toc"] += 1
            continue
        elif _IAL_LINE.match(line):
            counts["kramdown-attribute"] += 1
            continue
        heading = _HEADING_ID.match(line)
        plain = _HEADING.match(line) if not heading else None
        if heading:
            line = heading.group("head")
            counts["heading-id"] += 1
            label = label_line(heading.group("id"))
        elif plain:
            label = label_line(section_id(plain.group("text")))
        if (heading or plain) and label:
            out.append(label)
            mapped.append(origin)
        if not in_html or heading or plain:
            found = [m.group("id") or m.group("id2") for m in _EMPTY_ANCHOR.finditer(line)]
            if found:
                line = _EMPTY_ANCHOR.sub("", line)
                counts["html-anchor"] += len(found)
                new = [label for ident in found if (label := label_line(ident))]
                at = block_start if not (heading or plain) else len(out)
                out[at:at] = new
                mapped[at:at] = [origin] * len(new)
                if not line.strip() and not (heading or plain):
                    block_start = len(out)
                    continue  # the anchor was the whole line
        line, removed = _IAL_INLINE.subn("", line)
        counts["kramdown-attribute"] += removed
        out.append(line)
        mapped.append(origin)
    return "\n".join(out), mapped, counts
