"""A build that was killed or failed leaves no half-written site behind for good.

Sphinx writes pages in place and decides what to rewrite by comparing times, so a
page cut short by a kill looks up to date to the next build.  A marker file in the
doctree folder is written when a build starts and removed when it ends well; if
the next build finds it, the previous one never finished: the HTML pages it may
have left half-written are deleted and every page is read and written again, so
the result is the site a clean build gives.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..fileio import atomic_write
from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

MARKER = "kb-build-in-progress"


def _marker(app: Sphinx) -> Path:
    return Path(app.doctreedir) / MARKER


def start(app: Sphinx) -> None:
    marker = _marker(app)
    if marker.exists():
        get_domain(app.env).build.interrupted = True
        logger.info("the last build did not finish; every page is read and written again")
        if app.builder.format == "html":
            _delete_pages(Path(app.outdir))
    atomic_write(marker, app.builder.name)


def _delete_pages(outdir: Path) -> None:
    """Every page of the last build (not the copied assets in ``_static`` and the like):
    this build writes them all again, and a page it does not write is not the site's."""
    for page in outdir.rglob("*.html"):
        if not any(part.startswith("_") for part in page.relative_to(outdir).parts[:-1]):
            page.unlink(missing_ok=True)


def finish(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None:
        _marker(app).unlink(missing_ok=True)
