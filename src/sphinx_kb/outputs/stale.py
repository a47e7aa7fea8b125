"""Output of removed pages, deleted: Sphinx leaves it behind, so without this an
incremental build would leave files a clean build does not have.  The collector
notes which pages were removed (``environment.collector``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..environment.state import kb_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def remove_stale_output(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    state = kb_state(app)
    for docname in sorted(state.removed):
        if docname not in app.env.all_docs:
            (outdir / f"{docname}{app.builder.out_suffix}").unlink(missing_ok=True)
    state.removed.clear()
