"""Old URLs of imported pages keep working: redirect pages, written by sphinx-reredirects.

``kb import`` keeps the old site's URLs in ``kb_redirects_file`` (see
:mod:`sphinx_kb.importer.redirects`): the file each redirect is written to, below
the output folder, and the docname of its new page.  For the HTML builders they are
handed to sphinx-reredirects, with the page address the builder gives (``x.html``
or ``x/`` for dirhtml).  Redirects set in ``conf.py`` (``redirects``) win.  The
redirect page keeps the URL's ``#anchor`` and, without JavaScript, refreshes.

The mapping is added at ``html-collect-pages``, after the environment was saved,
so a changed redirects file never makes Sphinx re-read any page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..environment.state import kb_config
from ..fileio import read_json_object

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "kb-redirect.html"
_ANCHOR = re.compile(r"^[\w.:-]+$")
_SAFE_SOURCE = re.compile(r"^(?:[\w~@!$&'()*+,;=:.%-]+/)*[\w~@!$&'()*+,;=:.%-]+\.html$")


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinx_reredirects")
    # Before sphinx-reredirects' own handler (priority 500) reads the setting.
    app.connect("html-collect-pages", add_redirects, priority=400)


def redirects_for(app: Sphinx) -> dict[str, str]:
    """redirect file (below the output folder) -> site-absolute URI of the new page."""
    config = kb_config(app)
    if not config.redirects_file:
        return {}
    path = Path(app.srcdir) / config.redirects_file
    entries: Any = read_json_object(path).get("redirects", {})
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        text = ""

    def where(source: str) -> str:
        # "file:line" (a plain name would be taken for a docname)
        at = text.find(json.dumps(source))
        return f"{path}:{text.count(chr(10), 0, at) + 1 if at >= 0 else 1}"

    if not isinstance(entries, dict):
        return {}
    builder = app.builder
    outputs = {_output_file(builder.get_target_uri(d)) for d in app.env.found_docs}
    found: dict[str, str] = {}
    for source, entry in sorted(entries.items()):
        target = entry.get("to") if isinstance(entry, dict) else None
        if not isinstance(target, str) or not _safe(source):
            logger.warning(
                "redirect %r: not a file name below the site; left out",
                source,
                location=where(str(source)),
                type="kb",
                subtype="redirect",
            )
            continue
        if target not in app.env.found_docs:
            logger.warning(
                "redirect %r: its page %r does not exist (re-import, or remove the entry)",
                source,
                target,
                location=where(str(source)),
                type="kb",
                subtype="redirect",
            )
            continue
        if source in outputs:
            continue  # a page of the site has this address: never replace it
        anchor = entry.get("anchor")
        suffix = f"#{anchor}" if isinstance(anchor, str) and _ANCHOR.match(anchor) else ""
        found[source] = "/" + builder.get_target_uri(target) + suffix
    return found


def _safe(source: Any) -> bool:
    if not isinstance(source, str) or not _SAFE_SOURCE.match(source):
        return False
    return all(part not in ("", ".", "..") for part in source.split("/"))


def _output_file(uri: str) -> str:
    return uri + "index.html" if uri.endswith("/") or not uri else uri


def add_redirects(app: Sphinx) -> list[Any]:
    if app.builder.name not in ("html", "dirhtml"):
        return []
    found = redirects_for(app)
    if not found:
        return []
    config = app.config
    config.redirects = {**found, **(config.redirects or {})}
    if not config.redirect_html_template_file:
        config.redirect_html_template_file = str(TEMPLATE)
    return []
