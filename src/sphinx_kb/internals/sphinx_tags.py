"""sphinx-tags' ``Entry``: the tags of a page that uses its ``{tags}`` directive, as
sphinx-tags itself finds them (it is importable but not documented).  Remove when
sphinx-tags documents a way to read a page's tags (no upstream issue yet)."""

from __future__ import annotations

from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)
_WARNED: list[bool] = []


def page_tags(path: Path) -> tuple[str, ...]:
    try:
        from sphinx_tags import Entry

        return tuple(Entry(path).tags)
    except (OSError, UnicodeDecodeError, ValueError):
        return ()
    except (ImportError, AttributeError, TypeError) as exc:
        # Not silent: the tag pages would miss this page.
        if not _WARNED:
            _WARNED.append(True)
            logger.warning(
                "sphinx-kb cannot read {tags} directives with this sphinx-tags (%s); "
                "pages using it are left out of tag listings",
                exc,
                type="kb",
                subtype="internals",
            )
        return ()
