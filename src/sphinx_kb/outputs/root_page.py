"""Site-level output: the home page at ``_build/html/index.html``, no stale pages.

The home page is ``docs/index`` (only ``docs/`` holds content), so Sphinx writes
it to ``docs/index.html``.  A copy at the root with ``<base href="docs/">`` makes
every relative link, stylesheet and script resolve exactly as on the original.
Sphinx also leaves the output of a removed page behind; it is deleted here so an
incremental build leaves the same files as a clean one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..environment.state import kb_state
from ..fileio import write_if_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    kb_state(app).removed.update(removed)
    return []


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    state = kb_state(app)
    for docname in sorted(state.removed):
        if docname not in app.env.all_docs:
            (outdir / f"{docname}{app.builder.out_suffix}").unlink(missing_ok=True)
    state.removed.clear()
    root = app.config.root_doc
    if "/" not in root:
        return
    source = outdir / f"{root}{app.builder.out_suffix}"
    try:
        html = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    base = root.rsplit("/", 1)[0] + "/"
    page = Path(root).name + app.builder.out_suffix
    html = re.sub(r"<head>", f'<head>\n  <base href="{base}" />', html, count=1)
    # In-page anchors would otherwise resolve against the base folder.
    html = html.replace('href="#', f'href="{page}#')
    write_if_changed(outdir / f"index{app.builder.out_suffix}", html)
