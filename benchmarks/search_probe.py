"""Serve a built site over HTTP and measure one search in headless Chromium.

Shared by ``benchmarks/search_bench.py`` and the browser tests: both open
``search.html?q=...`` with the CPU throttled through the Chrome DevTools Protocol
(``Emulation.setCPUThrottlingRate``), count every byte the page transfers
(``Network.loadingFinished``'s ``encodedDataLength``) and time the first result.

The server compresses text as static hosts do (Read the Docs serves HTML, CSS,
JavaScript and JSON gzipped); the search index's ``.kbz`` files (and Pagefind's,
for older builds) are compressed already and are sent as they are.
"""

from __future__ import annotations

import gzip
import http.server
import io
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the base class's own attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".json": "application/json",
        ".pagefind": "application/wasm",
        ".kbz": "application/octet-stream",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """``root`` served on a free local port; yields the base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_Handler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Result:
    title: str
    href: str
    kind: str
    meta: str
    excerpt: str


@dataclass
class Measurement:
    #: Every byte received for the page, its assets and its index data, until the
    #: network was idle (or ``settle_ms`` after the first result).
    bytes: int
    #: Bytes received when the first result appeared.
    bytes_to_first: int
    #: Milliseconds from navigation start to the load event, and to the first result.
    load_ms: float
    first_result_ms: float
    results: list[Result]
    status: str
    #: URL -> bytes, for reports.
    transfers: dict[str, int] = field(default_factory=dict)

    @property
    def after_load_ms(self) -> float:
        return max(0.0, self.first_result_ms - self.load_ms)


# Runs before the page's scripts: notes when the first result appears, for
# sphinx-kb's page (#kb-search-results) and Sphinx's own (#search-results).
_FIRST_RESULT = """
window.__kbFirstResult = null;
new MutationObserver((_records, observer) => {
  if (document.querySelector("#kb-search-results li, #search-results li")) {
    window.__kbFirstResult = performance.now();
    console.debug("kb-first-result");
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""

_STATUS = """() => {
  const status = document.getElementById("kb-search-status");
  return !status || status.textContent !== "";
}"""

# sphinx-kb's results, or Sphinx's own (title and link only).
_RESULTS = """() => [...document.querySelectorAll("#kb-search-results > li")].map((li) => ({
  title: li.querySelector(".kb-result-title").innerText.trim(),
  href: li.querySelector(".kb-result-title a").href,
  kind: [...li.classList].find((c) => c.startsWith("kb-result-")).slice(10),
  meta: (li.querySelector(".kb-result-meta") || {}).innerText || "",
  excerpt: li.querySelector(".kb-result-excerpt").innerText,
})).concat([...document.querySelectorAll("#search-results li")].map((li) => ({
  title: li.querySelector("a").innerText.trim(), href: li.querySelector("a").href,
  kind: "sphinx", meta: "", excerpt: (li.querySelector("p") || {}).innerText || "",
})))"""


def measure(
    browser: Any,
    base: str,
    query: str,
    *,
    tags: tuple[str, ...] = (),
    throttle: float = 4,
    page_path: str = "search.html",
    timeout_ms: float = 120_000,
    settle_ms: float = 30_000,
    viewport: tuple[int, int] = (1280, 900),
) -> Measurement:
    """Open ``page_path?q=query`` in a fresh context; wait for results and idle network."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if throttle > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    urls: dict[str, str] = {}
    transfers: dict[str, int] = {}

    def sent(event: dict[str, Any]) -> None:
        urls[event["requestId"]] = event["request"]["url"]

    cdp.on("Network.requestWillBeSent", sent)

    def finished(event: dict[str, Any]) -> None:
        url = urls.get(event["requestId"], event["requestId"])
        transfers[url] = transfers.get(url, 0) + int(event["encodedDataLength"])

    cdp.on("Network.loadingFinished", finished)
    at_first: list[int] = []

    def console(message: Any) -> None:
        if message.text == "kb-first-result" and not at_first:
            at_first.append(sum(transfers.values()))

    page.on("console", console)
    page.add_init_script(_FIRST_RESULT)
    address = f"{base}{page_path}?q={quote(query)}" + "".join(f"&tag={quote(t)}" for t in tags)
    try:
        page.goto(address, wait_until="load")
        page.wait_for_function("window.__kbFirstResult !== null", timeout=timeout_ms)
        # Sphinx's own search fetches every result page, one after another.
        with suppress(PlaywrightTimeout):
            page.wait_for_load_state("networkidle", timeout=settle_ms)
        # sphinx-kb announces the count once typing would have paused.
        with suppress(PlaywrightTimeout):
            page.wait_for_function(_STATUS, timeout=5_000)
        first = page.evaluate("window.__kbFirstResult")
        load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        results = [Result(**r) for r in page.evaluate(_RESULTS)]
        found = page.query_selector("#kb-search-status")
        status = found.inner_text() if found else ""
    finally:
        context.close()
    total = sum(transfers.values())
    return Measurement(
        total, at_first[0] if at_first else total, load, first, results, status, transfers
    )


def launch(playwright: Any) -> Any:
    """Debian's Chromium, started as the tests start it (tests/kbtest.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from kbtest import CHROMIUM, CHROMIUM_ARGS

    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
