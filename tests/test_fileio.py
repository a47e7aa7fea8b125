"""Atomic writes give files the mode any other write would; confinement of untrusted trees."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_kb.fileio import atomic_write, confined, write_if_changed

TESTS = Path(__file__).resolve().parent


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_atomic_writes_honour_the_umask(tmp_path: Path, umask: int, expected: int) -> None:
    previous = os.umask(umask)
    try:
        atomic_write(tmp_path / "new.html", "<p>x</p>")
        (tmp_path / "old.html").write_text("old")
        write_if_changed(tmp_path / "old.html", "new")
    finally:
        os.umask(previous)
    assert mode(tmp_path / "new.html") == expected
    assert mode(tmp_path / "old.html") == expected
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _every_file(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]


def test_a_build_and_an_import_publish_files_a_web_server_can_read(tmp_path: Path) -> None:
    # A real build and a real import under umask 022: nothing is left 0600 (issue 19,
    # hole 8: index.html, feed.xml, pages, reports were unreadable to the web server).
    project = tmp_path / "kb"
    subprocess.run(["cp", "-r", str(TESTS / "roots" / "test-kb"), str(project)], check=True)
    out = tmp_path / "html"
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.md").write_text("---\ntitle: Imported\ndate: 2024-05-01\n---\nText.\n")
    umask = "import os, sys; os.umask(0o022); "
    built = subprocess.run(
        [
            sys.executable,
            "-c",
            umask + "from sphinx.cmd.build import main; sys.exit(main(sys.argv[1:]))",
            *("-q", "-b", "html", str(project), str(out)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            umask + "from sphinx_kb.cli import main; sys.exit(main(sys.argv[1:]))",
            *("import", tmp_path / "src", "--dest", project / "docs" / "articles"),
            *("--report", tmp_path / "report.json"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert imported.returncode == 0, imported.stderr
    files = [*_every_file(out), *_every_file(project / "docs"), tmp_path / "report.json"]
    assert (out / "index.html") in files
    unreadable = sorted(str(p) for p in files if mode(p) & 0o044 != 0o044)
    assert unreadable == []
    assert mode(project / "docs" / "articles" / "imported.md") == 0o644


def test_confined_follows_links_only_inside_the_root(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "real.md").write_text("x")
    (root / "inside.md").symlink_to("real.md")
    (root / "out.md").symlink_to(tmp_path)
    (root / "loop.md").symlink_to("loop.md")
    (root / "nothing.md").symlink_to("missing.md")
    (root / "folder").mkdir()
    assert confined(root / "real.md", root) == ((root / "real.md").resolve(), "")
    assert confined(root / "inside.md", root) == ((root / "real.md").resolve(), "")
    assert confined(root / "out.md", root) == (
        None,
        f"a symbolic link out of {root} (to {tmp_path.resolve()}); not read",
    )
    assert confined(root / "loop.md", root) == (None, "a symbolic link loop; not read")
    assert confined(root / "nothing.md", root) == (None, "a symbolic link to nothing; not read")
    assert confined(root / "folder", root) == (None, "not a regular file; not read")
