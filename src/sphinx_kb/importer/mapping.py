"""Where each article field comes from: defaults, ``--map``, pyproject.toml, a CMS config.

Precedence, highest first: ``--map`` on the command line, the ``map`` table of
``[tool.sphinx-kb.import]`` in pyproject.toml, the field names of a Decap/Netlify CMS
collection (``--cms-config``), then :data:`sphinx_kb.model.DEFAULT_FIELD_MAP`.

``--map FIELD=KEY[,KEY...]`` *replaces* the keys a field is read from
(``--map description=summary`` reads the description from ``summary`` only); CMS
field names are tried *before* the defaults, which stay as fallbacks.

pyproject.toml (the nearest one at or above the current directory)::

    [tool.sphinx-kb.import]
    dest = "docs/articles"          # default for --dest
    media = "static"                # default for --media
    cms-config = "static/admin/config.yml"
    collection = "blog"
    patterns = ["*.md", "*.markdown", "*.txt"]
    map = { description = "summary", tags = ["tags", "topics"] }

Relative paths there are relative to the pyproject.toml's folder.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..articles.frontmatter import FrontMatterError, load_yaml
from ..articles.model import DEFAULT_FIELD_MAP

FIELDS = tuple(DEFAULT_FIELD_MAP)
DEFAULT_PATTERNS = ("*.md", "*.markdown", "*.txt")

FieldMap = dict[str, tuple[str, ...]]


class UsageError(Exception):
    """A problem with how the command was called (exit status 2)."""


def parse_map_option(text: str) -> tuple[str, tuple[str, ...]]:
    """``description=summary`` or ``tags=tags,topics`` -> (field, keys)."""
    name, sep, keys = text.partition("=")
    name = name.strip()
    found = tuple(key.strip() for key in keys.split(",") if key.strip())
    if not sep or not name or not found:
        raise UsageError(f"--map {text!r}: expected FIELD=KEY[,KEY...], e.g. description=summary")
    if name not in FIELDS:
        raise UsageError(f"--map {text!r}: unknown field {name!r} (fields: {', '.join(FIELDS)})")
    return name, found


def _as_keys(name: str, value: Any, origin: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{origin}: map.{name} must be a key name or a list of key names")
    if name not in FIELDS:
        raise UsageError(f"{origin}: map.{name}: unknown field (fields: {', '.join(FIELDS)})")
    return tuple(value)


@dataclass(frozen=True)
class ProjectSettings:
    """``[tool.sphinx-kb.import]`` from pyproject.toml, paths made absolute."""

    path: Path | None = None
    dest: Path | None = None
    media: Path | None = None
    cms_config: Path | None = None
    collection: str | None = None
    patterns: tuple[str, ...] = ()
    field_map: FieldMap = field(default_factory=dict)


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def read_project_settings(pyproject: Path | None) -> ProjectSettings:
    if pyproject is None:
        return ProjectSettings()
    origin = f"{pyproject}: [tool.sphinx-kb.import]"
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{pyproject}: cannot read: {exc}") from exc
    table = data.get("tool", {}).get("sphinx-kb", {}).get("import", {})
    if not isinstance(table, dict):
        raise UsageError(f"{origin} must be a table")
    known = {"dest", "media", "cms-config", "collection", "patterns", "map"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise UsageError(f"{origin}: unknown setting(s) {', '.join(unknown)}")
    root = pyproject.parent

    def path_of(key: str) -> Path | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise UsageError(f"{origin}: {key} must be a path string")
        return root / value

    patterns = table.get("patterns", [])
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise UsageError(f"{origin}: patterns must be a list of glob strings")
    raw_map = table.get("map", {})
    if not isinstance(raw_map, dict):
        raise UsageError(f"{origin}: map must be a table of FIELD = KEY(S)")
    collection = table.get("collection")
    if collection is not None and not isinstance(collection, str):
        raise UsageError(f"{origin}: collection must be a string")
    return ProjectSettings(
        path=pyproject,
        dest=path_of("dest"),
        media=path_of("media"),
        cms_config=path_of("cms-config"),
        collection=collection,
        patterns=tuple(patterns),
        field_map={name: _as_keys(name, keys, origin) for name, keys in raw_map.items()},
    )


@dataclass(frozen=True)
class CmsCollection:
    """What the importer takes from one folder collection of a Decap/Netlify CMS config."""

    name: str
    #: The collection's folder, resolved against the repository holding the config.
    folder: Path
    #: CMS field names per model field, tried before the defaults.
    field_map: FieldMap
    #: ``public_folder`` (URL prefix of uploads, e.g. ``/img``) and ``media_folder``.
    public_folder: str = ""
    media_folder: str = ""
    extension: str = ""


def repository_root(config: Path) -> Path:
    """The repository holding a CMS config: the nearest folder with ``.git``.

    Without one, ``admin/`` (and a ``static/`` or ``public/`` above it, where
    Gatsby, Hugo and Jekyll keep it) is stepped over.
    """
    folder = config.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    if folder.name == "admin":
        folder = folder.parent
        if folder.name in ("static", "public"):
            folder = folder.parent
    return folder


def _cms_field_map(fields: Iterable[Any]) -> FieldMap:
    found: dict[str, list[str]] = {name: [] for name in FIELDS}
    defaults = {name: {key.casefold() for key in keys} for name, keys in DEFAULT_FIELD_MAP.items()}
    for item in fields:
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
            continue
        name, widget = item["name"], str(item.get("widget", "string")).lower()
        lowered = name.casefold()
        if widget in ("image", "file"):
            found["image"].append(name)
        elif widget in ("datetime", "date"):
            found["date"].append(name)
        elif widget in ("list", "select", "relation") and (
            lowered in defaults["tags"] or "tag" in lowered
        ):
            found["tags"].append(name)
        elif "author" in lowered:
            found["authors"].append(name)
        elif lowered in defaults["title"]:
            found["title"].append(name)
        elif widget in ("string", "text") and lowered in defaults["description"]:
            found["description"].append(name)
    return {name: tuple(keys) for name, keys in found.items() if keys}


def read_cms_config(path: Path, collection: str | None = None) -> CmsCollection:
    """Read a Decap/Netlify CMS ``config.yml`` and pick a folder collection."""
    try:
        data, _node = load_yaml(path.read_text(encoding="utf-8"), what="CMS configuration")
    except FileNotFoundError as exc:
        raise UsageError(f"--cms-config {path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--cms-config {path}: cannot read: {exc}") from exc
    except FrontMatterError as exc:
        raise UsageError(f"--cms-config {path}:{exc.line}: {exc.message}") from exc
    if not isinstance(data, dict):
        raise UsageError(f"--cms-config {path}: not a CMS configuration (a mapping)")
    collections = data.get("collections")
    if not isinstance(collections, list):
        raise UsageError(f"--cms-config {path}: no 'collections' list")
    folders = [c for c in collections if isinstance(c, dict) and isinstance(c.get("folder"), str)]
    if collection is not None:
        chosen = [c for c in folders if c.get("name") == collection]
        if not chosen:
            names = ", ".join(str(c.get("name")) for c in folders) or "none"
            raise UsageError(
                f"--cms-config {path}: no folder collection named {collection!r} "
                f"(folder collections: {names})"
            )
    else:
        chosen = folders
        if not chosen:
            raise UsageError(f"--cms-config {path}: no collection with a 'folder'")
    entry = chosen[0]
    root = repository_root(path)
    fields = entry.get("fields") if isinstance(entry.get("fields"), list) else []
    return CmsCollection(
        name=str(entry.get("name", "")),
        folder=root / str(entry["folder"]).strip("/"),
        field_map=_cms_field_map(fields),
        public_folder=str(entry.get("public_folder", data.get("public_folder", "")) or ""),
        media_folder=str(entry.get("media_folder", data.get("media_folder", "")) or ""),
        extension=str(entry.get("extension", "") or ""),
    )


def build_field_map(
    *,
    cms: FieldMap | None = None,
    project: FieldMap | None = None,
    command_line: Mapping[str, tuple[str, ...]] | None = None,
) -> FieldMap:
    """The field map to hand to :func:`sphinx_kb.model.normalize`."""
    result: FieldMap = dict(DEFAULT_FIELD_MAP)
    for name, keys in (cms or {}).items():
        result[name] = tuple(dict.fromkeys((*keys, *result[name])))
    for overrides in (project or {}, command_line or {}):
        result.update(overrides)
    return result
