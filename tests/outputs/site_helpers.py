"""The fixture site (``tests/roots/test-site``) built once and served over HTTP.

Browsers treat ``file://`` pages differently (no search, other origin rules), so the
browser tests open the site from a local HTTP server started here, as a reader would.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from kbtest import ROOTS, build_project

ARTICLE = "docs/articles/what-is-immunotherapy-and-how-does-it-work"


@dataclass
class Site:
    srcdir: Path
    outdir: Path
    status: str
    warnings: str

    def html(self, path: str) -> str:
        return (self.outdir / path).read_text(encoding="utf-8")

    def page(self, docname: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(f"{docname}.html"), "lxml")


def build_site(dest: Path, root: str = "test-site", **overrides: Any) -> Site:
    """A real HTML build of a copy of ``tests/roots/<root>`` in ``dest``."""
    srcdir = dest / "src"
    shutil.copytree(ROOTS / root, srcdir)
    app, status, warnings = build_project(srcdir, srcdir / "_build", **overrides)
    return Site(srcdir, Path(app.outdir), status, warnings)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``http://127.0.0.1:PORT/`` serving ``folder`` until the block ends."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
