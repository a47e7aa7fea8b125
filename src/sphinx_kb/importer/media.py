"""Images referenced by imported articles (body images and the cover image).

With ``--media DIR`` each local image is looked up below ``DIR`` and copied to
``DEST/../media/`` (for ``--dest docs/articles`` that is ``docs/media/``), keeping
its path below ``DIR``: ``/img/chemex.jpg`` -> ``docs/media/img/chemex.jpg``.  The
page then refers to the copy relative to itself (``../media/img/chemex.jpg``), in
the body and in the front matter ``image``, so Sphinx finds it from any builder.

Lookup of a reference ``ref``:

* a site-absolute ``/img/x.jpg``: ``DIR/img/x.jpg``; with a CMS config whose
  ``public_folder`` is ``/img``, also ``DIR/<media_folder>/x.jpg`` and ``DIR/x.jpg``;
* a relative ``pics/x.jpg``: beside the article first, then ``DIR/pics/x.jpg``.

The file found must lie inside ``DIR`` (``../`` cannot reach elsewhere).  URLs with
a scheme (``https:``, ``data:``) are left alone.  Without ``--media`` references are
kept as they are (with a warning that the image was not imported), except a
relative path climbing out with ``../``, which is dropped.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ..fileio import is_within, write_if_changed

_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|#)")


def media_dest_for(dest: Path) -> Path:
    """Where copied images go for pages written to ``dest``."""
    return dest.parent / "media"


def climbs_out(ref: str) -> bool:
    """Whether a relative reference climbs above its own folder with ``../``."""
    if ref.startswith("/") or _REMOTE.match(ref):
        return False
    normal = posixpath.normpath(ref.replace("\\", "/"))
    return normal == ".." or normal.startswith("../")


@dataclass(frozen=True)
class MediaSettings:
    root: Path
    dest: Path
    public_folder: str = ""
    media_folder: str = ""


@dataclass
class ArticleMedia:
    """Image handling for one article: rewrites references, plans copies, warns."""

    source: Path
    page_dir: Path
    settings: MediaSettings | None
    #: (source file, copy) pairs to write with the page.
    copies: dict[Path, Path] = field(default_factory=dict)
    #: (line, message)
    warnings: list[tuple[int | None, str]] = field(default_factory=list)

    def rewrite(self, ref: str, line: int | None) -> str | None:
        """New reference for ``ref``; ``None`` keeps it, ``""`` drops the image."""
        if not ref or _REMOTE.match(ref):
            return None
        if self.settings is None:
            if climbs_out(ref):
                self.warnings.append((line, f"image path {ref!r} climbs out with '../'; dropped"))
                return ""
            self.warnings.append((line, f"image {ref!r} not imported (no --media given)"))
            return None
        found = self._find(ref)
        if found is None:
            if climbs_out(ref):
                self.warnings.append(
                    (line, f"image path {ref!r} leaves the --media folder; dropped")
                )
                return ""
            self.warnings.append(
                (line, f"image {ref!r} not found under --media {self.settings.root}")
            )
            return None
        target = self.settings.dest / found.relative_to(self.settings.root.resolve())
        self.copies[found] = target
        return Path(os.path.relpath(target, self.page_dir)).as_posix()

    def _find(self, ref: str) -> Path | None:
        assert self.settings is not None
        root = self.settings.root.resolve()
        path = unquote(ref.split("#", 1)[0].split("?", 1)[0])
        candidates: list[Path] = []
        if path.startswith("/"):
            rel = path.lstrip("/")
            candidates.append(root / rel)
            public = self.settings.public_folder.strip("/")
            if public and (rel == public or rel.startswith(public + "/")):
                rest = rel[len(public) :].lstrip("/")
                if self.settings.media_folder:
                    candidates.append(root / self.settings.media_folder.strip("/") / rest)
                candidates.append(root / rest)
        else:
            candidates.append(self.source.parent / path)
            candidates.append(root / path)
        for candidate in candidates:
            if candidate.is_file() and is_within(candidate, root):
                return candidate.resolve()
        return None

    def write(self) -> int:
        """Copy the planned images (atomically, only when changed); returns how many."""
        written = 0
        for original, copy in sorted(self.copies.items()):
            written += write_if_changed(copy, original.read_bytes())
        return written


_IMG = re.compile(r"<img\b[^>]*>", re.I)
_SRC = re.compile(r"""(?P<lead>\ssrc\s*=\s*)(?P<q>["']?)(?P<url>[^"'\s>]*)(?P=q)""", re.I)


def rewrite_html_images(html_text: str, images: Callable[[str, int], str | None], line: int) -> str:
    """``<img src>`` handled like a Markdown image: copied from --media, or reported."""

    def image(tag: re.Match[str]) -> str:
        at = line + html_text.count("\n", 0, tag.start())
        src = _SRC.search(tag.group(0))
        if src is None or not src.group("url"):
            return tag.group(0)
        new = images(html.unescape(src.group("url")), at)
        if new is None:
            return tag.group(0)
        if not new:
            return ""  # a path leaving the media folder: the image goes, as in Markdown
        text = tag.group(0)
        quoted = f'{src.group("lead")}"{html.escape(new, quote=True)}"'
        return text[: src.start()] + quoted + text[src.end() :]

    return _IMG.sub(image, html_text)
