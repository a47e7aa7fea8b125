"""Screenshots of the built sample site, served over HTTP, for before/after reviews.

    .venv/bin/python scripts/screenshots.py _build/html OUT_DIR

Home (the root index.html) and one article, at 1280 and 390 px, light and dark,
in Debian's headless Chromium (never a downloaded one).  Each shot is the first
screen a reader sees; the home page and article are also taken whole at 1280 px.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "index.html",
    "article": "docs/articles/what-is-immunotherapy-and-how-does-it-work.html",
}
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for scheme in ("light", "dark"):
                for size, (width, height) in SIZES.items():
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, color_scheme=scheme
                    )
                    page = context.new_page()
                    for name, path in PAGES.items():
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        page.screenshot(path=str(out / f"{name}-{size}-{width}px-{scheme}.png"))
                        if size == "desktop" and scheme == "light":
                            page.screenshot(
                                path=str(out / f"{name}-{size}-{width}px-{scheme}-full.png"),
                                full_page=True,
                            )
                    context.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
