"""Build-time file and URL reads are confined (issue 19, hole 1), and ``kb check``
says the same as the build: real builds of a hostile project, a local HTTP server
that must receive no request, and a secret in the environment that must appear
nowhere in the output."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from kbtest import build_project, warnings_of

from sphinx_kb.articles import confine
from sphinx_kb.check.rules import check
from sphinx_kb.config import validated

ENV_SECRET = "KB-ENV-SECRET-7f3a91"
FILE_SECRET = "KB-FILE-SECRET-5521"
CSV = "name,value\nserved,42\n"


class _Server(ThreadingHTTPServer):
    requests: list[str]


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{self.server.server_port}/x.csv")
            self.end_headers()
            return
        body = ("x" * (confine.MAX_BYTES + 10)) if self.path == "/big" else CSV
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


HOSTILE = """\
# Hostile

```{{include}} ../../outside.txt
```

```{{literalinclude}} zero.txt
```

```{{literalinclude}} inside.txt
:diff: ../../outside.txt
```

```{{csv-table}}
:file: /proc/self/environ
```

```{{csv-table}}
:url: {url}/x.csv
```

```{{raw}} html
:file: fifo.txt
```

```{{raw}} html
:url: {url}/x.csv
```

```{{include}} /../outside.txt
```

```{{csv-table}} Fine
:file: data.csv
```

```{{include}} part.md
```

```{{eval-rst}}
.. csv-table::
   :file: /proc/self/environ

.. raw:: html
   :url: {url}/x.html

.. include:: ../../outside.txt

.. literalinclude:: /../outside.txt
```
"""
#: (line, directive, target, reason) the build refuses in HOSTILE.
REFUSED = [
    (3, "include", "../../outside.txt", "outside the project"),
    (6, "literalinclude", "zero.txt", "outside the project"),
    (9, "literalinclude", "../../outside.txt", "outside the project"),
    (13, "csv-table", "/proc/self/environ", "outside the project"),
    (17, "csv-table", "{url}/x.csv", "kb_allowed_fetch_hosts"),
    (21, "raw", "fifo.txt", "not a regular file"),
    (25, "raw", "{url}/x.csv", "kb_allowed_fetch_hosts"),
    (29, "include", "/../outside.txt", "outside the project"),
    (40, "csv-table", "/proc/self/environ", "outside the project"),
    (43, "raw", "{url}/x.html", "kb_allowed_fetch_hosts"),
    (46, "include", "../../outside.txt", "outside the project"),
    (48, "literalinclude", "/../outside.txt", "outside the project"),
]
_WARNING = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): WARNING: (?P<text>.*) \[kb\.unsafe-read\]$")


def make_project(root: Path, url: str, hosts: tuple[str, ...] = ()) -> Path:
    (root / "outside.txt").write_text(FILE_SECRET + "\n", encoding="utf-8")
    site = root / "site"
    docs = site / "docs"
    docs.mkdir(parents=True)
    (site / "conf.py").write_text(
        'extensions = ["sphinx_kb"]\nroot_doc = "docs/index"\ninclude_patterns = ["docs/**"]\n'
        f'project = "Confine"\nkb_tag_vocabulary = ""\nkb_allowed_fetch_hosts = {hosts!r}\n',
        encoding="utf-8",
    )
    (docs / "index.md").write_text("# Home\n\n```{toctree}\nhostile\n```\n", encoding="utf-8")
    (docs / "hostile.md").write_text(HOSTILE.format(url=url), encoding="utf-8")
    (docs / "data.csv").write_text("a,b\nlocal,7\n", encoding="utf-8")
    (docs / "inside.txt").write_text("inside\n", encoding="utf-8")
    (docs / "part.md").write_text("Included from the project.\n", encoding="utf-8")
    (docs / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(docs / "fifo.txt")
    return site


def refused_by_build(warnings: str) -> set[tuple[str, int, str]]:
    found = set()
    for line in warnings.splitlines():
        match = _WARNING.match(line)
        if match:
            path = Path(match["path"]).name
            found.add((path, int(match["line"]), match["text"]))
    return found


def expected(url: str) -> set[tuple[str, int, str]]:
    out = set()
    for line, name, target, reason in REFUSED:
        target = target.format(url=url)
        if reason == "kb_allowed_fetch_hosts":
            reason = "the build fetches no URL from a host not in kb_allowed_fetch_hosts"
        out.add(("hostile.md", line, confine.message(name, target, reason)))
    return out


def test_hostile_reads_are_refused_with_one_warning_each(
    tmp_path: Path, server: _Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KB_DEPLOY_TOKEN", ENV_SECRET)
    url = f"http://127.0.0.1:{server.server_port}"
    site = make_project(tmp_path, url)
    app, _status, _ = build_project(site, site / "_build")
    warnings = warnings_of(app)
    assert refused_by_build(warnings) == expected(url)
    assert server.requests == []  # no request forgery: nothing fetched
    leaked = [
        str(path)
        for path in (site / "_build").rglob("*")
        if path.is_file()
        and (ENV_SECRET.encode() in (data := path.read_bytes()) or FILE_SECRET.encode() in data)
    ]
    assert leaked == []
    page = (site / "_build/html/docs/hostile.html").read_text(encoding="utf-8")
    assert "local" in page and "Included from the project." in page  # project files: read
    assert app.statuscode == 0  # the build went on


def test_kb_check_reports_what_the_build_refuses(tmp_path: Path, server: _Server) -> None:
    url = f"http://127.0.0.1:{server.server_port}"
    site = make_project(tmp_path, url)
    app, _status, _ = build_project(site, site / "_build")
    findings = {
        (Path(f.path).name, f.line, f.message)
        for f in check(site).findings
        if f.code == "unsafe-read"
    }
    assert findings == refused_by_build(warnings_of(app)) == expected(url)
    assert server.requests == []


def test_an_allowed_host_is_fetched_capped_and_held_to_the_rule(
    tmp_path: Path, server: _Server
) -> None:
    url = f"http://127.0.0.1:{server.server_port}"
    hosts = ("127.0.0.1",)
    assert confine.fetch(f"{url}/x.csv", hosts).decode() == CSV
    with pytest.raises(confine.FetchError, match="larger than 5 MB"):
        confine.fetch(f"{url}/big", hosts)
    with pytest.raises(confine.FetchError, match="redirected to 'http://localhost"):
        confine.fetch(f"{url}/redirect", hosts)
    with pytest.raises(confine.FetchError, match="kb_allowed_fetch_hosts"):
        confine.fetch(f"http://localhost:{server.server_port}/x.csv", hosts)
    site = make_project(tmp_path, url, hosts)
    app, _status, _ = build_project(site, site / "_build")
    page = (site / "_build/html/docs/hostile.html").read_text(encoding="utf-8")
    assert "served" in page  # the csv-table :url: from the allowed host
    refused = {line for _path, line, _text in refused_by_build(warnings_of(app))}
    assert not {17, 25, 43} & refused
    assert "/x.csv" in server.requests


def test_judge_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to("/etc/hostname")
    (tmp_path / "big").write_bytes(b"\0" * (confine.MAX_BYTES + 1))
    assert confine.judge_file(tmp_path / "a.txt", tmp_path) == ""
    assert confine.judge_file(tmp_path / "missing", tmp_path) == ""  # the directive says so
    assert confine.judge_file(tmp_path / "link", tmp_path) == "outside the project"
    assert confine.judge_file(tmp_path / "../x", tmp_path) == "outside the project"
    assert confine.judge_file(tmp_path, tmp_path) == "not a regular file"
    assert confine.judge_file(tmp_path / "big", tmp_path) == "larger than 5 MB"


def test_resolve_follows_each_directive() -> None:
    src, doc = Path("/p"), Path("/p/docs")
    assert confine.resolve("include", "/a.md", doc, src) == Path("/p/a.md")
    assert confine.resolve("literalinclude", "b.py", doc, src) == Path("/p/docs/b.py")
    assert confine.resolve("csv-table", "/etc/passwd", doc, src) == Path("/etc/passwd")


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("https://data.example.org/a.csv", False),
        ("https://DATA.example.org./a.csv", False),
        ("https://other.example.org/a.csv", True),
        ("file:///etc/passwd", True),
        ("ftp://data.example.org/a.csv", True),
        ("http://[::1/", True),
    ],
)
def test_judge_url(url: str, refused: bool) -> None:
    assert bool(confine.judge_url(url, ("data.example.org",))) is refused


def test_allowed_fetch_hosts_setting_is_validated() -> None:
    assert validated({"allowed_fetch_hosts": ["Data.Example.org"]}).allowed_fetch_hosts == (
        "data.example.org",
    )
    for bad in (["https://data.example.org"], ["host/path"], ["a b"], [3]):
        with pytest.raises(ValueError, match="kb_allowed_fetch_hosts"):
            validated({"allowed_fetch_hosts": bad})


def test_myst_include_guard_is_active() -> None:
    # Canary: MyST runs {include} through MockIncludeDirective.run, not the directive's
    # run; if MyST renames or reshapes it, this fails instead of the guard going quiet.
    from myst_parser.mocking import MockIncludeDirective

    from sphinx_kb.articles.confine_directives import _guard_myst_include

    assert _guard_myst_include()
    assert getattr(MockIncludeDirective.run, "_kb_confined", False)
