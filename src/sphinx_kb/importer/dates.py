"""Dates where static site generators keep them when the front matter has none.

Jekyll, Zola and Eleventy read a post's date from its file name
(``2014-05-06-title.md``); archives keep posts in dated folders
(``2020/03/12/title.md``, ``2020-03-12-title/index.md``); Zola and Gatsby sites
often only have a dated ``path`` (``path = "2020/03/12/Rust-1.42"``).  Each date
found says where it came from, for the import report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

_FILE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?=$|[-_T.])")
_YMD_PATH = re.compile(r"(?:^|/)(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=$|/|[-_.])")
_YM_PATH = re.compile(r"(?:^|/)(?P<y>\d{4})/(?P<m>\d{1,2})(?=/|$)")
_DASHED = re.compile(r"(?:^|/|\b)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?=$|/|[-_.T])")
#: Front matter keys that hold a URL or path, in the order they are tried.
PATH_KEYS = ("path", "permalink", "url", "slug")


def _make(match: re.Match[str], day: bool = True) -> dt.date | None:
    try:
        value = dt.date(int(match["y"]), int(match["m"]), int(match["d"]) if day else 1)
    except ValueError:
        return None
    return value if 1970 <= value.year <= 2100 else None


def from_file_name(stem: str) -> dt.date | None:
    match = _FILE.match(stem)
    return _make(match) if match else None


def strip_date_prefix(stem: str) -> str:
    """``2014-05-06-welcome`` -> ``welcome`` (the name generators build URLs from)."""
    match = _FILE.match(stem)
    if match is None or _make(match) is None:
        return stem
    return stem[match.end() :].lstrip("-_") or stem


def from_folders(folders: str) -> tuple[dt.date | None, str]:
    """A date from the folders above a file: ``2020/03/12``, ``2020-03-12-x`` or ``2020/03``."""
    for pattern, day in ((_YMD_PATH, True), (_DASHED, True), (_YM_PATH, False)):
        for match in pattern.finditer(folders):
            found = _make(match, day)
            if found is not None:
                return found, "folder" if day else "folder (year and month; day 1 assumed)"
    return None, ""


def from_path_keys(data: Mapping[str, Any]) -> tuple[dt.date | None, str]:
    lowered = {str(k).casefold(): v for k, v in data.items()}
    for key in PATH_KEYS:
        value = lowered.get(key)
        if not isinstance(value, str):
            continue
        for pattern in (_YMD_PATH, _DASHED):
            match = pattern.search(value.strip("/"))
            if match and (found := _make(match)) is not None:
                return found, f"front matter '{key}'"
    return None, ""


def infer_date(rel: str, data: Mapping[str, Any]) -> tuple[dt.date | None, str]:
    """(date, origin) from the file name, its folders or a path key; (None, "") if none."""
    parts = rel.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    found = from_file_name(stem)
    if found is not None:
        return found, "file name"
    found, origin = from_folders("/".join(parts[:-1]))
    if found is not None:
        return found, origin
    return from_path_keys(data)
