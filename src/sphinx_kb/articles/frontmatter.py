"""Reading article files: bytes to text, and text to front matter plus body.

One parser for the importer, the Sphinx build and ``kb check``.  Everything here
treats its input as untrusted: YAML is loaded with the safe loader, alias-heavy
documents (billion laughs) are refused before construction, and sizes are bounded.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

try:  # the C loader is much faster; fall back where libyaml is missing
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader  # type: ignore[assignment]

#: Refuse files larger than this; real articles are a few tens of kilobytes.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Front matter is metadata; anything larger is a mistake or an attack.
MAX_FRONT_MATTER_CHARS = 64 * 1024
#: Real front matter needs no aliases; a few are tolerated, floods are refused.
MAX_YAML_ALIASES = 50

#: An ATX level-one heading; group 1 is its text.
H1 = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")

_YAML_FENCE = re.compile(r"^---[ \t]*$")
_YAML_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
_TOML_FENCE = re.compile(r"^\+\+\+[ \t]*$")


class FrontMatterError(ValueError):
    """A file whose front matter cannot be used; ``line`` is 1-based in the file."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class Decoded:
    """Text of a file plus what had to be done to read it."""

    text: str
    warnings: tuple[str, ...] = ()
    had_bom: bool = False
    had_crlf: bool = False


def decode_bytes(raw: bytes) -> Decoded:
    """Decode an article file: UTF-8 (BOM allowed), else cp1252 with a warning.

    CRLF and lone CR line ends become LF.  Binary content (NUL bytes) and
    oversized files raise :class:`FrontMatterError`.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise FrontMatterError(
            f"file is too large ({len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,})"
        )
    if b"\x00" in raw[:8192]:
        raise FrontMatterError("file looks binary (it contains NUL bytes)")
    warnings: list[str] = []
    had_bom = raw.startswith(b"\xef\xbb\xbf")
    if had_bom:
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        text = raw.decode("cp1252", errors="replace")
        warnings.append(f"line {line}: not valid UTF-8; decoded as Windows-1252")
    had_crlf = "\r" in text
    if had_crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, tuple(warnings), had_bom, had_crlf)


@dataclass(frozen=True)
class FrontMatter:
    """The parts of an article file."""

    data: dict[str, Any]
    body: str
    #: 1-based line of the file where the body starts.
    body_line: int
    #: 1-based line of each top-level key, for messages that name a line.
    key_lines: dict[str, int] = field(default_factory=dict)
    kind: Literal["yaml", "toml", "none"] = "none"

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def split_front_matter(text: str) -> FrontMatter:
    """Split ``text`` (LF line ends, no BOM) into front matter and body."""
    lines = text.split("\n")
    if not lines or not (_YAML_FENCE.match(lines[0]) or _TOML_FENCE.match(lines[0])):
        return FrontMatter({}, text, 1)
    is_toml = bool(_TOML_FENCE.match(lines[0]))
    end_re = _TOML_FENCE if is_toml else _YAML_END
    for index in range(1, len(lines)):
        if end_re.match(lines[index]):
            break
    else:
        raise FrontMatterError("front matter opened on line 1 is never closed", 1)
    raw = "\n".join(lines[1:index])
    if len(raw) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(f"front matter is too large ({len(raw):,} characters)", 1)
    body = "\n".join(lines[index + 1 :])
    if is_toml:
        data, key_lines = _load_toml(raw)
    else:
        data, key_lines = _load_yaml(raw)
    return FrontMatter(data, body, index + 2, key_lines, "toml" if is_toml else "yaml")


def blank_front_matter(text: str) -> tuple[str, int]:
    """``text`` with an unusable front matter block blanked, every line number kept.

    Returns the text and the index of the block's closing line (0 when there is no
    block, or it is never closed: then only the opening fence goes, so nothing of
    the article is lost).
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() not in ("---", "+++"):
        return text, 0
    closers = ("---", "...") if lines[0].strip() == "---" else ("+++",)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in closers), 0)
    lines[: end + 1] = [""] * (end + 1)
    return "\n".join(lines), end


def load_yaml(text: str, *, offset: int = 1, what: str = "YAML") -> tuple[Any, yaml.Node | None]:
    """Safely load one YAML document; every problem is a :class:`FrontMatterError`.

    The one YAML reader of the project (front matter, tag vocabulary, CMS
    configuration): safe loader, alias floods refused before construction, values
    Python rejects reported on their line.  ``offset`` is the file line of ``text``'s
    first line; ``what`` names the document in messages.
    """
    node: yaml.Node | None = None
    try:
        # An alias is written "*name": without a "*" there is none, and the event
        # pass (a large part of the cost of reading front matter) can be skipped.
        aliases = (
            sum(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=SafeLoader))
            if "*" in text
            else 0
        )
        if aliases > MAX_YAML_ALIASES:
            raise FrontMatterError(
                f"{what} uses {aliases} YAML aliases (at most "
                f"{MAX_YAML_ALIASES} allowed); refusing a possible alias bomb",
                offset,
            )
        loader = SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except FrontMatterError:
        raise  # a ValueError too: keep it from the clause below
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark is not None else offset
        problem = exc.problem or exc.context or "invalid YAML"
        raise FrontMatterError(f"invalid YAML {what}: {problem}", line) from exc
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML {what}: {exc}", offset) from exc
    except (ValueError, OverflowError, RecursionError) as exc:
        # YAML's grammar accepts 2021-02-30 or a 5,000-digit integer; Python's
        # constructors then raise.  A problem on the value's line, never a crash.
        line = bad_value_line(node, offset)
        raise FrontMatterError(f"invalid YAML {what}: {exc}", line) from exc
    return data, node


def _load_yaml(raw: str) -> tuple[dict[str, Any], dict[str, int]]:
    # Front matter starts on line 2 of the file.
    offset = 2
    data, node = load_yaml(raw, offset=offset, what="front matter")
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        kind = type(data).__name__
        raise FrontMatterError(
            f"front matter must be a mapping of keys to values, not a {kind}", offset
        )
    key_lines = {
        str(key.value): key.start_mark.line + offset
        for key, _value in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return {str(k): v for k, v in data.items()}, key_lines


def bad_value_line(node: yaml.Node | None, offset: int) -> int:
    """Line of the first scalar that the safe constructor rejects (``offset`` if none)."""
    probe = SafeLoader("")
    seen: set[int] = set()
    stack: list[yaml.Node] = [node] if node is not None else []
    try:
        while stack:
            current = stack.pop()
            if id(current) in seen:  # aliases make the graph cyclic
                continue
            seen.add(id(current))
            if isinstance(current, yaml.ScalarNode):
                try:
                    probe.construct_object(current)
                except (yaml.YAMLError, ValueError, OverflowError):
                    return current.start_mark.line + offset
            elif isinstance(current, yaml.SequenceNode):
                stack.extend(reversed(current.value))
            elif isinstance(current, yaml.MappingNode):
                for key, value in reversed(current.value):
                    stack.extend((value, key))
    finally:
        probe.dispose()
    return offset


def _load_toml(raw: str) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) + 1 if match else 2
        raise FrontMatterError(f"invalid TOML front matter: {exc}", line) from exc
    key_lines: dict[str, int] = {}
    for number, line in enumerate(raw.split("\n"), start=2):
        match = re.match(r"\s*([A-Za-z0-9_-]+)\s*=", line)
        if match:
            key_lines.setdefault(match.group(1), number)
    return data, key_lines
