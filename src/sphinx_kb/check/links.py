"""Resolving what content points at: pages, files, labels; and refusing what leaves the project.

Targets come from untrusted text, so every path is resolved lexically first
(``..`` cannot climb out of the project) and, when it exists, through symlinks.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from urllib.parse import unquote

from sphinx.util.matching import patfilter

from ..fileio import is_within

_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
#: Schemes a browser would run or that read local files: MyST drops or must not keep them.
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})


class Kind(Enum):
    EXTERNAL = "external"
    UNSAFE = "unsafe"
    ANCHOR = "anchor"
    PATH = "path"


@dataclass(frozen=True)
class Target:
    kind: Kind
    #: Project-relative POSIX path (for ``PATH``); the scheme (for ``UNSAFE``).
    value: str = ""
    #: Whether the path climbs out of the project.
    escapes: bool = False


def classify(target: str, docname: str, *, image: bool = False) -> Target:
    """What a link or image target is, with paths made project-relative.

    Relative paths are relative to the page's folder; ``/x`` is relative to the
    project root, as in MyST and Sphinx.
    """
    target = target.strip()
    scheme = _SCHEME.match(target)
    if scheme and len(scheme["scheme"]) > 1:  # "C:" is a Windows drive, not a scheme
        name = scheme["scheme"].lower()
        if name in UNSAFE_SCHEMES and not (image and target.lower().startswith("data:image/")):
            return Target(Kind.UNSAFE, name)
        return Target(Kind.EXTERNAL, name)
    if target.startswith("//"):
        return Target(Kind.EXTERNAL, "")
    path = unquote(re.split(r"[#?]", target, maxsplit=1)[0]).replace("\\", "/")
    if not path:
        return Target(Kind.ANCHOR)
    return project_path(path, docname)


def project_path(path: str, docname: str) -> Target:
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(docname), path)
    normal = posixpath.normpath(joined)
    escapes = normal == ".." or normal.startswith("../") or os.path.isabs(normal)
    return Target(Kind.PATH, normal, escapes)


def exists(root: Path, rel: str) -> bool:
    path = root / rel
    return path.exists() and is_within(path, root)


def escapes_by_link(root: Path, rel: str) -> bool:
    """A path inside the project lexically that a symlink takes outside it."""
    path = root / rel
    return path.exists() and not is_within(path, root)


def docname_of(rel: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if rel.endswith(suffix):
            return rel[: -len(suffix)]
    return rel


def toctree_targets(
    entries: list[str], docname: str, all_docs: set[str], glob: bool
) -> tuple[list[str], list[str]]:
    """(docnames, unresolved entries) for a toctree's entries."""
    found: list[str] = []
    missing: list[str] = []
    for entry in entries:
        titled = re.match(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", entry)
        target = titled["target"] if titled else entry
        if target == "self" or _SCHEME.match(target):
            continue
        resolved = project_path(target.removesuffix(".md"), docname)
        if glob and any(char in target for char in "*?["):
            # Sphinx's own matching: "*" stops at "/".
            found.extend(sorted(patfilter(sorted(all_docs), resolved.value)))
        elif resolved.value in all_docs:
            found.append(resolved.value)
        else:
            missing.append(target)
    return found, missing
