"""Reading the glossary source before the build: entries, term lines, forms, summaries.

Articles may be read before the glossary page, so the set of terms cannot come
from the glossary's doctree.  This is a small reader for the MyST
```` ```{glossary} ```` block that follows the grammar of Sphinx's own
``glossary`` directive: unindented lines are terms (several lines = synonyms,
abbreviations), the indented lines after them the definition.  Inside a
definition, a MyST comment ``% forms: leukaemia, leukaemias`` declares extra
forms (irregular plurals, spellings) that the automatic inflections miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem

#: Opening fence of a glossary directive: ```{glossary}, ~~~{glossary} or :::{glossary}.
_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}|:{3,})\{glossary\}\s*$")
_OPTION = re.compile(r"^:[\w-]+:")
_FORMS = re.compile(r"^%\s*forms\s*:(?P<forms>.*)$", re.IGNORECASE)
_ROLE = re.compile(r"\{[\w:-]+\}`(?P<body>[^`]*)`")
_ROLE_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
_TERM_ROLE = re.compile(r"\{term\}`(?P<body>[^`]*)`")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\([^)]*\)")
_CODE = re.compile(r"`([^`]*)`")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“(])")
_CLASSIFIER = re.compile(r" +: +")

#: Longest hover text before it is cut at a word boundary.
SUMMARY_LENGTH = 200


def term_key(text: str) -> str:
    """Sphinx's normalized term key (``StandardDomain._terms`` uses ``term.lower()``)."""
    return text.lower()


@dataclass(frozen=True)
class Entry:
    """One glossary entry: its term lines and definition."""

    #: Term lines in source order; the first is the primary term.
    terms: tuple[str, ...]
    #: 1-based source line of each term line.
    lines: tuple[int, ...]
    #: The definition as written (MyST, dedented).
    definition: str = ""
    #: Extra forms declared with ``% forms: ...``.
    forms: tuple[str, ...] = ()
    #: Targets of ``{term}`` references in the definition (the "see also" links).
    see_also: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The entry's id: the normalized key of its primary term."""
        return term_key(self.terms[0])

    @property
    def summary(self) -> str:
        return summarize(self.definition)


@dataclass(frozen=True)
class Glossary:
    path: str = ""
    entries: tuple[Entry, ...] = ()
    #: (line, message) for term lines that collide case-insensitively (Sphinx itself
    #: only warns about exact duplicates).
    problems: tuple[Problem, ...] = ()
    _by_key: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for term in entry.terms:
                self._by_key.setdefault(term_key(term), entry)

    def entry_for(self, term: str) -> Entry | None:
        """The entry that defines ``term`` (any of its term lines, any case)."""
        return self._by_key.get(term_key(term))


def plain_term(line: str) -> str:
    """The text of a term line as Sphinx shows it: classifiers dropped, markup removed."""
    term = _CLASSIFIER.split(line.strip(), maxsplit=1)[0]
    return plain_text(term)


def plain_text(text: str) -> str:
    """Strip the MyST inline markup a definition usually holds, leaving its words."""

    def role(match: re.Match[str]) -> str:
        body = match.group("body")
        titled = _ROLE_TARGET.match(body)
        return titled.group("text") if titled else body.lstrip("~!")

    text = _ROLE.sub(role, text)
    text = _LINK.sub(lambda m: m.group("text"), text)
    text = _CODE.sub(lambda m: m.group(1), text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = text.replace("\\", "")
    return " ".join(text.split())


def summarize(definition: str, limit: int = SUMMARY_LENGTH) -> str:
    """First sentence of the definition's first paragraph, at most ``limit`` characters."""
    paragraph: list[str] = []
    for line in definition.split("\n"):
        stripped = line.strip()
        if not stripped:
            if paragraph:
                break
            continue
        if stripped.startswith("%"):
            continue  # a MyST comment (e.g. the forms line)
        paragraph.append(stripped)
    text = plain_text(" ".join(paragraph))
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def parse_glossary(text: str, path: str = "") -> Glossary:
    """Every entry of every glossary block in ``text`` (MyST source)."""
    lines = text.split("\n")
    entries: list[Entry] = []
    index = 0
    while index < len(lines):
        match = _OPEN.match(lines[index])
        index += 1
        if not match:
            continue
        fence = match.group("fence")
        block: list[tuple[int, str]] = []
        while index < len(lines):
            line = lines[index]
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                index += 1
                break
            block.append((index + 1, line))
            index += 1
        entries.extend(_parse_block(block))
    return Glossary(path, tuple(entries), _problems(entries))


def _parse_block(block: list[tuple[int, str]]) -> list[Entry]:
    # Directive options (":sorted:" lines or a "---" YAML block) come first.
    start = 0
    if block and block[0][1].strip() == "---":
        for offset, (_n, line) in enumerate(block[1:], 1):
            if line.strip() == "---":
                start = offset + 1
                break
    while start < len(block) and _OPTION.match(block[start][1]):
        start += 1
    raw: list[tuple[list[tuple[int, str]], list[str]]] = []
    in_definition = True
    for lineno, line in block[start:]:
        if not line.strip():
            if raw and in_definition:
                raw[-1][1].append("")
            continue
        if not line[0].isspace():
            if line.startswith(".. "):
                continue  # a comment, as in Sphinx's directive
            if in_definition:
                raw.append(([(lineno, line)], []))
                in_definition = False
            elif raw:
                raw[-1][0].append((lineno, line))
            continue
        in_definition = True
        if raw:
            raw[-1][1].append(line)
    entries = []
    for term_lines, body in raw:
        definition = _dedent(body)
        forms: list[str] = []
        for line in definition.split("\n"):
            found = _FORMS.match(line.strip())
            if found:
                forms.extend(f.strip() for f in found.group("forms").split(",") if f.strip())
        see_also = []
        for ref in _TERM_ROLE.finditer(definition):
            titled = _ROLE_TARGET.match(ref.group("body"))
            see_also.append(titled.group("target") if titled else ref.group("body"))
        entries.append(
            Entry(
                terms=tuple(plain_term(line) for _n, line in term_lines),
                lines=tuple(n for n, _line in term_lines),
                definition=definition,
                forms=tuple(forms),
                see_also=tuple(dict.fromkeys(see_also)),
            )
        )
    return entries


def _dedent(body: list[str]) -> str:
    indents = [len(line) - len(line.lstrip()) for line in body if line.strip()]
    cut = min(indents, default=0)
    return "\n".join(line[cut:] for line in body).strip("\n")


def _problems(entries: list[Entry]) -> tuple[Problem, ...]:
    seen: dict[str, str] = {}
    problems = []
    for entry in entries:
        for term, line in zip(entry.terms, entry.lines, strict=True):
            key = term_key(term)
            if key in seen and seen[key] != term:
                # Exact repeats are reported by Sphinx ("duplicate term description").
                message = f"glossary term {term!r} differs from {seen[key]!r} only in case"
                problems.append(Problem("warning", message, line, "term-duplicate"))
            seen.setdefault(key, term)
    return tuple(problems)


_CACHE: dict[str, tuple[int, int, Glossary]] = {}


def read_glossary(path: Path) -> Glossary:
    """The glossary at ``path``, parsed once per process while its mtime and size stay put."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return Glossary(str(path))
    key = str(path)
    cached = _CACHE.get(key)
    if cached is not None and cached[:2] == (stat.st_mtime_ns, stat.st_size):
        return cached[2]
    glossary = parse_glossary(path.read_text(encoding="utf-8"), key)
    _CACHE[key] = (stat.st_mtime_ns, stat.st_size, glossary)
    return glossary
