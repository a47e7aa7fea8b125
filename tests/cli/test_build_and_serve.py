"""``kb build`` and ``kb serve`` run the real Sphinx and sphinx-autobuild."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from kbtest import ROOTS, copy_project, soup

from sphinx_kb.cli import main


def test_kb_build_html_and_usage_errors(tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "site")
    out = tmp_path / "out"
    assert main(["build", "html", "--source", str(src), "--out", str(out)]) == 0
    seed = soup(out / "html/docs/articles/seed.html")
    assert seed.find("h1").get_text().startswith("What is Immunotherapy")
    assert main(["build", "html", "--source", str(tmp_path / "nowhere")]) == 2
    assert main(["build", "nonsense"]) == 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.browser
def test_kb_serve_previews_the_site_and_its_search(tmp_path, browser) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "site")
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "sphinx_kb.cli",
        "serve",
        "--source",
        str(src),
        "--out",
        str(tmp_path / "html"),
        "--port",
        str(port),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/docs/articles/seed.html"
        deadline = time.monotonic() + 90
        body = b""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read()
                break
            except OSError:
                time.sleep(0.5)
        assert b"What is Immunotherapy and How Does it Work?" in body
        # The search index is built and served too (issue 17: search works with kb serve).
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/search.html?q=pathogen")
        page.wait_for_selector("#kb-search-results li")
        assert page.locator(".kb-result-title a").first.inner_text() == "Pathogen"
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
