"""The old site's URLs, kept as redirects to the new pages (``redirects.json``).

Every imported page's old URL and its aliases (Hugo/Zola ``aliases``, Jekyll
``redirect_from``) are written to a JSON file beside ``--dest`` (by default
``docs/redirects.json``)::

    {"version": 1,
     "redirects": {"2014/05/06/welcome.html": {"to": "docs/articles/posts/welcome",
                                              "from": "site/_posts/2014-05-06-welcome.md"}}}

Keys are the files the HTML build writes (below the output folder), ``to`` the new
page's docname.  The build turns them into redirect pages with sphinx-reredirects
(:mod:`sphinx_kb.outputs.redirects`).  Entries from earlier imports of other sources
are kept; this import's sources replace their own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..fileio import atomic_write, read_json_object
from .oldurls import redirect_source
from .sites import SiteInfo
from .survey import Surveyed

VERSION = 1


def project_root(dest: Path) -> Path:
    """The Sphinx project holding DEST: the nearest folder with a conf.py."""
    start = dest.resolve()
    for folder in (start, *start.parents):
        if (folder / "conf.py").is_file():
            return folder
    return start.parent.parent if start.parent.parent != start.parent else start.parent


def default_file(dest: Path) -> Path:
    """The project's ``kb_redirects_file`` (read from its conf.py), else DEST/../redirects.json."""
    root = project_root(dest)
    if (root / "conf.py").is_file():
        from ..check.project import ProjectError, load_settings

        try:
            name = load_settings(root).kb.redirects_file
        except (ProjectError, TypeError, ValueError):
            name = ""
        if name:
            return root / name
    return dest.parent / "redirects.json"


class RedirectPlan:
    def __init__(
        self, path: Path, dest: Path, site: SiteInfo, sources: set[str], keys: dict[int, str]
    ) -> None:
        self.path = path
        self.site = site
        self.sources = sources
        self.keys = keys
        root = project_root(dest)
        try:
            self.prefix = dest.resolve().relative_to(root).as_posix()
        except ValueError:
            self.prefix = dest.name
        self.entries: dict[str, dict[str, str]] = {}
        self.messages: list[str] = []

    def add(self, item: Surveyed, anchor: str = "") -> None:
        target = f"{self.prefix}/{item.docname}" if self.prefix != "." else item.docname
        own = {f"{target}.html", f"{target}/index.html"}
        for url in dict.fromkeys([item.url, *item.aliases]):
            if not url:
                continue
            source = redirect_source(url, self.site)
            if source is None or source in own:
                continue
            entry = {"to": target, "from": self.keys[id(item)]}
            if anchor:
                entry["anchor"] = anchor
            existing = self.entries.get(source)
            if existing is not None and existing["to"] != target:
                self.messages.append(
                    f"{item.source.path}: old URL {url} is also {existing['to']}'s; "
                    "its redirect goes there"
                )
                continue
            self.entries[source] = entry

    def write(self, *, dry_run: bool) -> int:
        """Merge with the file's other entries and write it; returns this import's count."""
        previous: dict[str, Any] = read_json_object(self.path).get("redirects", {})
        merged = {
            key: value
            for key, value in previous.items()
            if isinstance(value, dict) and value.get("from") not in self.sources
        }
        for key, value in self.entries.items():
            if key in merged and merged[key].get("to") != value["to"]:
                self.messages.append(
                    f"{self.path}: {key} already redirects to {merged[key].get('to')}; kept"
                )
                continue
            merged[key] = value
        payload = {"version": VERSION, "redirects": dict(sorted(merged.items()))}
        text = json.dumps(payload, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
        if not dry_run and (merged or self.path.exists()):
            try:
                current = self.path.read_text(encoding="utf-8")
            except OSError:
                current = None
            if current != text:
                atomic_write(self.path, text)
        return len(self.entries)
