"""The home page at ``_build/html/index.html``.

The home page is ``docs/index`` (only ``docs/`` holds content), so Sphinx writes
it to ``docs/index.html``.  A copy at the root with ``<base href="docs/">`` makes
every relative link, stylesheet and script resolve exactly as on the original.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..fileio import write_if_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def write_root_page(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
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
