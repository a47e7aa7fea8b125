"""The project's one YAML reader: text stays text, and hostile documents are refused.

PyYAML follows YAML 1.1, which reads ``title: No`` as ``False``, ``12:30:00`` as
45000 (base 60), ``1.10`` as the number 1.1 and ``007`` as octal 7: the words an
editor typed are lost.  The loader here keeps YAML 1.2's core rules for the few
values that are clearly not text, and reads every other plain scalar as written:

* ``true``/``false`` (and ``True``, ``TRUE``...) are booleans; ``yes``, ``no``,
  ``on`` and ``off`` are words.  Fields that are flags (``draft``...) accept those
  words explicitly through :func:`flag`.
* ``null``, ``~`` and nothing are null.
* Decimal integers (``42``, ``-3``) are integers; ``007``, ``0x1F``, ``1_000`` and
  every number with a point or a colon (``1.10``, ``12:30:00``) are text.
* Dates and timestamps (``2024-05-01``, ``2024-05-01 10:00:00+02:00``) are dates,
  so the model's date handling is unchanged; one that is not a real day
  (``2021-02-30``) stays text and the model reports it as a date it cannot read.

Bounds are checked on the composed node tree, before any Python object is built,
whichever PyYAML version is installed: nesting depth, node count, alias count.
Duplicate keys are reported (with their line); the last one wins, as in PyYAML.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, ClassVar

import yaml

try:  # the C parser is much faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Base  # type: ignore[assignment]

#: Front matter is a few levels deep; anything deeper is a mistake or an attack.
MAX_DEPTH = 32
#: Scalars, lists and mappings together; real front matter has tens.
MAX_NODES = 20_000
#: Real front matter needs no aliases; a few are tolerated, floods are refused.
MAX_ALIASES = 50
#: Longer runs of digits are kept as text (Python refuses very long integers).
_MAX_INT_DIGITS = 100

_TRUE = frozenset({"true", "yes", "on"})
_FALSE = frozenset({"false", "no", "off"})


class YAMLBoundsError(ValueError):
    """A document over one of the bounds; ``line`` is 0-based in the document."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class TextLoader(_Base):  # type: ignore[misc,valid-type]
    """Safe loader with YAML 1.2 core-schema resolution (see the module's note)."""

    # Our own table: PyYAML's add_implicit_resolver would otherwise copy YAML 1.1's.
    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}


def _construct_int(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node))
    digits = text.lstrip("+-")
    if digits.isdigit() and digits.isascii() and len(digits) <= _MAX_INT_DIGITS:
        return int(text, 10)
    return text  # an explicit !!int on something that is not decimal: keep the text


def _construct_timestamp(
    loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode
) -> dt.date | dt.datetime | str:
    try:
        value: dt.date | dt.datetime = yaml.constructor.SafeConstructor.construct_yaml_timestamp(
            loader, node
        )
    except (ValueError, OverflowError):
        return str(node.value)  # 2021-02-30: not a day; the model says so
    return value


TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    # PyYAML's own timestamp pattern (YAML 1.1's, which 1.2 users still write).
    yaml.resolver.Resolver.yaml_implicit_resolvers["0"][-1][1],
    list("0123456789"),
)
TextLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])
TextLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
TextLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def flag(value: Any) -> bool | None:
    """A yes/no field's meaning: ``True``/``False`` for true, yes, on / false, no, off
    (any case) and the booleans; ``None`` for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    return None


def check_tree(node: yaml.Node | None) -> list[tuple[int, str]]:
    """Refuse a tree over the bounds (:class:`YAMLBoundsError`); return its duplicate
    keys as ``(0-based line, message)``.  Walked without recursion."""
    warnings: list[tuple[int, str]] = []
    if node is None:
        return warnings
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(node, 1)]
    count = 0
    while stack:
        current, depth = stack.pop()
        if id(current) in seen:  # an alias: its node was checked where it was defined
            continue
        seen.add(id(current))
        count += 1
        if depth > MAX_DEPTH:
            raise YAMLBoundsError(
                f"nested more than {MAX_DEPTH} levels deep", current.start_mark.line
            )
        if count > MAX_NODES:
            raise YAMLBoundsError(
                f"too big: more than {MAX_NODES:,} values", current.start_mark.line
            )
        if isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
        elif isinstance(current, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        warnings.append(
                            (
                                key.start_mark.line,
                                f"key {key.value!r} is given twice; the later value is used",
                            )
                        )
                    keys.add(key.value)
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
    warnings.sort()
    return warnings


def count_aliases(text: str) -> int:
    """How many aliases ``text`` uses (counted on parse events, before composing)."""
    # An alias is written "*name": without a "*" there is none, and the event pass
    # (a large part of the cost of reading front matter) can be skipped.
    if "*" not in text:
        return 0
    return sum(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=TextLoader))


def compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (libyaml itself stops at 1,000 levels)."""
    loader = TextLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return node


def construct(node: yaml.Node) -> Any:
    """The Python value of a checked node tree."""
    loader = TextLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()
