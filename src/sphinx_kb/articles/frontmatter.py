"""Reading article files: bytes to text, and text to front matter plus body.

One parser for the importer, the Sphinx build and ``kb check``.  Everything here
treats its input as untrusted: YAML is read by :mod:`.yaml_reader` (safe, text kept
as text, depth, size and aliases bounded before construction), TOML by ``tomllib``
with the same depth bound, and file sizes are bounded.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from .decoding import (  # noqa: F401 - re-exported: one import for readers of files
    MAX_FILE_BYTES,
    Decoded,
    FrontMatterError,
    decode_bytes,
    sphinx_cannot_read,
)
from .yaml_reader import (
    MAX_ALIASES,
    MAX_DEPTH,
    TextLoader,
    YAMLBoundsError,
    check_tree,
    compose,
    construct,
    count_aliases,
)

#: Front matter is metadata; anything larger is a mistake or an attack.
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_YAML_ALIASES = MAX_ALIASES

#: An ATX level-one heading; group 1 is its text.
H1 = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")

_YAML_FENCE = re.compile(r"^---[ \t]*$")
_YAML_END = re.compile(r"^(---|\.\.\.)[ \t]*$")
_TOML_FENCE = re.compile(r"^\+\+\+[ \t]*$")


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
    #: Things read but worth a warning (a duplicate key...), as ``(line, message)``.
    warnings: tuple[tuple[int, str], ...] = ()

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def _opening(lines: list[str]) -> int:
    """Index of the line opening the front matter (blank lines may come first), or -1."""
    for index, line in enumerate(lines):
        if _YAML_FENCE.match(line) or _TOML_FENCE.match(line):
            return index
        if line.strip():
            return -1
    return -1


def split_front_matter(text: str) -> FrontMatter:
    """Split ``text`` (LF line ends, no BOM) into front matter and body."""
    # Sphinx removes one byte-order mark; a file saved twice by some editors has two.
    lines = text.lstrip("\ufeff").split("\n")
    start = _opening(lines)
    if start < 0:
        return FrontMatter({}, text, 1)
    is_toml = bool(_TOML_FENCE.match(lines[start]))
    end_re = _TOML_FENCE if is_toml else _YAML_END
    for index in range(start + 1, len(lines)):
        if end_re.match(lines[index]):
            break
    else:
        raise FrontMatterError(
            f"front matter opened on line {start + 1} is never closed", start + 1
        )
    raw = "\n".join(lines[start + 1 : index])
    if len(raw) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(f"front matter is too large ({len(raw):,} characters)", start + 1)
    body = "\n".join(lines[index + 1 :])
    warnings: list[tuple[int, str]] = []
    if start:
        warnings.append(
            (start + 1, "blank lines before the front matter's opening fence; read anyway")
        )
    if is_toml:
        data, key_lines = _load_toml(raw, start + 2)
    else:
        data, key_lines = _load_yaml(raw, start + 2, warnings)
    kind: Literal["yaml", "toml"] = "toml" if is_toml else "yaml"
    return FrontMatter(data, body, index + 2, key_lines, kind, tuple(warnings))


def blank_front_matter(text: str) -> tuple[str, int]:
    """``text`` with an unusable front matter block blanked, every line number kept.

    Returns the text and the index of the block's closing line (0 when there is no
    block, or it is never closed: then only the opening fence goes, so nothing of
    the article is lost).
    """
    lines = text.lstrip("\ufeff").split("\n")
    start = _opening(lines)
    if start < 0:
        return text, 0
    closers = ("---", "...") if lines[start].strip() == "---" else ("+++",)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip() in closers), start)
    lines[: end + 1] = [""] * (end + 1)
    return "\n".join(lines), end


def load_yaml(
    text: str,
    *,
    offset: int = 1,
    what: str = "YAML",
    warnings: list[tuple[int, str]] | None = None,
) -> tuple[Any, yaml.Node | None]:
    """Safely load one YAML document; every problem is a :class:`FrontMatterError`.

    The one YAML reader of the project (front matter, tag vocabulary, CMS
    configuration), see :mod:`.yaml_reader`.  ``offset`` is the file line of
    ``text``'s first line; ``what`` names the document in messages; duplicate keys
    are added to ``warnings`` as ``(file line, message)``.
    """
    node: yaml.Node | None = None
    try:
        aliases = count_aliases(text)
        if aliases > MAX_YAML_ALIASES:
            raise FrontMatterError(
                f"{what} uses {aliases} YAML aliases (at most "
                f"{MAX_YAML_ALIASES} allowed); refusing a possible alias bomb",
                offset,
            )
        node = compose(text)
        duplicates = check_tree(node)
        data = construct(node) if node is not None else None
    except FrontMatterError:
        raise  # a ValueError too: keep it from the clauses below
    except YAMLBoundsError as exc:
        raise FrontMatterError(f"{what} is {exc}", exc.line + offset) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark is not None else offset
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:  # libyaml's own bound, far above ours
            message = f"{what} is nested more than {MAX_DEPTH} levels deep"
            raise FrontMatterError(message, line) from exc
        raise FrontMatterError(f"invalid YAML {what}: {problem}", line) from exc
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML {what}: {exc}", offset) from exc
    except RecursionError as exc:
        # Only PyYAML's pure-Python composer recurses (libyaml stops at 1,000 levels).
        raise FrontMatterError(
            f"{what} is nested more than {MAX_DEPTH} levels deep", offset
        ) from exc
    except (ValueError, OverflowError) as exc:
        # A value Python's constructors reject: a problem on its line, never a crash.
        line = bad_value_line(node, offset)
        raise FrontMatterError(f"invalid YAML {what}: {exc}", line) from exc
    if warnings is not None:
        warnings.extend((line + offset, message) for line, message in duplicates)
    return data, node


def _load_yaml(
    raw: str, offset: int, warnings: list[tuple[int, str]]
) -> tuple[dict[str, Any], dict[str, int]]:
    # ``offset``: the file line of the front matter's first line.
    data, node = load_yaml(raw, offset=offset, what="front matter", warnings=warnings)
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
    probe = TextLoader("")
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


def _load_toml(raw: str, offset: int) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) + offset - 1 if match else offset
        raise FrontMatterError(f"invalid TOML front matter: {exc}", line) from exc
    except RecursionError as exc:
        raise FrontMatterError(
            f"front matter is nested more than {MAX_DEPTH} levels deep", offset
        ) from exc
    if _toml_depth(data) > MAX_DEPTH:
        raise FrontMatterError(f"front matter is nested more than {MAX_DEPTH} levels deep", offset)
    key_lines: dict[str, int] = {}
    for number, line in enumerate(raw.split("\n"), start=offset):
        match = re.match(r"\s*([A-Za-z0-9_-]+)\s*=", line)
        if match:
            key_lines.setdefault(match.group(1), number)
    return data, key_lines


def _toml_depth(data: Any) -> int:
    """How deeply tables and arrays nest in ``data`` (walked without recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        if isinstance(value, dict):
            stack.extend((child, depth + 1) for child in value.values())
        elif isinstance(value, list):
            stack.extend((child, depth + 1) for child in value)
    return deepest
