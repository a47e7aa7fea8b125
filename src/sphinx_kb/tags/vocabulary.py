"""The declared tag vocabulary (``docs/tags.yml``) and tag normalization.

A tag's *key* is its NFC, white-space-folded, case-folded form; aliases map other
spellings onto a declared key.  A tag's *slug* names its page; slugs follow
sphinx-tags' rule (so its ``{tags}`` directive links to the same pages) and can
only contain word characters and hyphens, so they cannot leave the tags folder.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..articles.frontmatter import FrontMatterError, load_yaml
from ..articles.model import clean_text
from ..problems import Level, Problem

COLOURS = frozenset(
    ["primary", "secondary", "success", "info", "warning", "danger", "light", "dark", "muted"]
)
RESERVED_SLUGS = frozenset({"index"})


def tag_key(label: str) -> str:
    return clean_text(label).casefold()


#: File systems refuse names over 255 bytes; a slug stays well below, with room for
#: a suffix (``-2``) and ``.html``.
MAX_SLUG_BYTES = 120


def base_slug(key: str) -> str:
    """sphinx-tags' slug rule, with a stable fallback for tags made only of symbols.

    A slug longer than :data:`MAX_SLUG_BYTES` (in UTF-8) is cut and given a short hash
    of the whole tag, so a 3,000-character tag still gets its own page.
    """
    slug = re.sub(r"[\s\W]+", "-", key).lower().strip("-")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    if not slug:
        return "tag-" + digest
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        cut = slug.encode("utf-8")[: MAX_SLUG_BYTES - 9].decode("utf-8", "ignore")
        slug = f"{cut.rstrip('-')}-{digest}"
    return slug


@dataclass(frozen=True)
class TagInfo:
    key: str
    label: str
    description: str = ""
    colour: str = "primary"
    declared: bool = False


@dataclass
class Vocabulary:
    tags: dict[str, TagInfo] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def resolve(self, label: str) -> tuple[str, bool]:
        """Canonical key for ``label`` and whether it is declared."""
        key = tag_key(label)
        key = self.aliases.get(key, key)
        return key, key in self.tags

    def keys(self, labels: Iterable[str]) -> tuple[str, ...]:
        """Canonical keys of ``labels``, each once, in their order."""
        return tuple(dict.fromkeys(self.resolve(label)[0] for label in labels))

    def undeclared(self, labels: Iterable[str]) -> list[str]:
        """The labels that are neither a declared tag nor an alias of one."""
        return [label for label in labels if not self.resolve(label)[1]]

    def info(self, key: str) -> TagInfo:
        return self.tags.get(key) or TagInfo(key=key, label=key)

    def assign_slugs(self, keys: set[str]) -> tuple[dict[str, str], list[str]]:
        """Slugs for ``keys``; colliding keys get numbered slugs and a message each.

        Sorted order makes the choice the same in every build, whatever order
        articles were read in.
        """
        slugs: dict[str, str] = {}
        owner: dict[str, str] = {}
        messages: list[str] = []
        for key in sorted(keys):
            slug = base_slug(key)
            candidate = slug if slug not in RESERVED_SLUGS else f"{slug}-tag"
            number = 2
            while candidate in owner:
                candidate = f"{slug}-{number}"
                number += 1
            if candidate != slug and slug in owner:
                messages.append(
                    f"tags {owner[slug]!r} and {key!r} both make the page name "
                    f"{slug!r}; {key!r} uses {candidate!r}"
                )
            owner[candidate] = key
            slugs[key] = candidate
        return slugs, messages


def _level(message: str) -> Level:
    # YAML that does not parse loses every label: an error.  A refused alias flood
    # is a warning: nothing of it could be meant.
    return "error" if message.startswith("invalid YAML") else "warning"


def _problem(line: int | None, message: str, level: Level = "warning") -> Problem:
    return Problem(level, message, line, "vocabulary")


def load_vocabulary(path: Path) -> Vocabulary:
    """Read ``tags.yml``; a missing file is an empty vocabulary."""
    vocab = Vocabulary()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        message = (
            "the tag vocabulary file does not exist: every tag counts as undeclared "
            '(create it, or set kb_tag_vocabulary = "" to go without one)'
        )
        vocab.problems.append(_problem(None, message))
        return vocab
    except (OSError, UnicodeDecodeError) as exc:
        vocab.problems.append(_problem(None, f"cannot read the tag vocabulary: {exc}", "error"))
        return vocab
    try:
        data, node = load_yaml(text, offset=1, what="tag vocabulary")
    except FrontMatterError as exc:
        vocab.problems.append(_problem(exc.line, exc.message, _level(exc.message)))
        return vocab
    data = {} if data is None else data
    if not isinstance(data, dict):
        vocab.problems.append(_problem(1, "the tag vocabulary must be a mapping of tag names"))
        return vocab
    lines = {
        str(k.value): k.start_mark.line + 1
        for k, _v in (node.value if isinstance(node, yaml.MappingNode) else [])
    }
    for name, spec in data.items():
        line = lines.get(str(name))
        if not isinstance(name, str) or not tag_key(name):
            vocab.problems.append(_problem(line, f"tag name {name!r} is not text"))
            continue
        spec = spec or {}
        if not isinstance(spec, dict):
            vocab.problems.append(_problem(line, f"tag {name!r}: expected a mapping"))
            continue
        key = tag_key(name)
        label = spec.get("label", name)
        label = clean_text(label) if isinstance(label, str) and clean_text(label) else name
        colour = str(spec.get("color", spec.get("colour", "primary")))
        if colour not in COLOURS:
            vocab.problems.append(_problem(line, f"tag {name!r}: unknown colour {colour!r}"))
            colour = "primary"
        description = spec.get("description", "")
        description = clean_text(description) if isinstance(description, str) else ""
        if key in vocab.tags:
            vocab.problems.append(_problem(line, f"tag {name!r} is declared twice"))
        vocab.tags[key] = TagInfo(key, label, description, colour, declared=True)
        aliases = spec.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str) and tag_key(alias):
                vocab.aliases[tag_key(alias)] = key
            else:
                vocab.problems.append(_problem(line, f"tag {name!r}: alias {alias!r} is not text"))
    for alias, key in list(vocab.aliases.items()):
        if alias in vocab.tags and alias != key:
            message = f"{alias!r} is both a declared tag and an alias of {key!r}"
            vocab.problems.append(_problem(lines.get(alias), message))
            del vocab.aliases[alias]
    return vocab
