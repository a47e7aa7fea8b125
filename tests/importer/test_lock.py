"""One ``kb import`` per destination at a time; a destination that cannot be written is
one message and a non-zero exit, with nothing half-written."""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_kb.articles.frontmatter import split_front_matter
from sphinx_kb.importer.lock import LOCK_NAME

ARTICLE = "---\ntitle: Article {n}\ndate: 2024-05-{day:02d}\n---\n\n{who} wrote part {n}.\n{pad}"


def kb_import(*args: str | Path, **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "sphinx_kb.cli", "import", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,  # type: ignore[call-overload]
    )


def export(folder: Path, who: str, count: int, pad: int = 0) -> Path:
    folder.mkdir(parents=True)
    for n in range(count):
        text = ARTICLE.format(n=n, day=n % 28 + 1, who=who, pad="x" * pad)
        (folder / f"{who}-{n:03d}.md").write_text(text, encoding="utf-8")
    return folder


def pages(dest: Path) -> dict[str, str]:
    """Each page's source path -> its body."""
    found = {}
    for path in dest.glob("*.md"):
        fm = split_front_matter(path.read_text(encoding="utf-8"))
        found[fm.data["source"]["path"]] = fm.body
    return found


def test_two_imports_into_one_destination_lose_nothing(tmp_path: Path) -> None:
    # Two exports whose titles collide, imported at the same moment into one --dest.
    first = export(tmp_path / "first", "alice", 150)
    second = export(tmp_path / "second", "bob", 150)
    (tmp_path / "docs").mkdir()
    dest = tmp_path / "docs" / "articles"
    runs = [kb_import(first, "--dest", dest), kb_import(second, "--dest", dest)]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    codes = [code for code, _out, _err in results]
    assert set(codes) <= {0, 2}, results
    for code, _out, err in results:
        if code == 2:  # the run that found the destination busy said so, and wrote nothing
            assert err.startswith(f"kb import: error: another kb import is writing to {dest}")
            assert err.endswith("run this one again when it has finished\n")
    # Every article of every run that succeeded is there, with its own text.
    written = pages(dest)
    expected = {}
    for code, (folder, who) in zip(codes, [(first, "alice"), (second, "bob")], strict=True):
        if code == 0:
            for n in range(150):
                expected[f"{folder.name}/{who}-{n:03d}.md"] = f"{who} wrote part {n}."
    assert {key: body.strip() for key, body in written.items()} == expected
    assert not (dest / LOCK_NAME).exists()


def test_a_held_lock_stops_a_second_import_at_once(tmp_path: Path) -> None:
    src = export(tmp_path / "src", "carol", 3)
    dest = tmp_path / "docs" / "articles"
    dest.mkdir(parents=True)
    with (dest / LOCK_NAME).open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242\n")
        held.flush()
        run = kb_import(src, "--dest", dest)
        code = run.wait(timeout=120)
        _out, err = run.communicate()
    assert code == 2
    assert err == (
        f"kb import: error: another kb import is writing to {dest} (process 4242); "
        "run this one again when it has finished\n"
    )
    assert not list(dest.glob("*.md"))
    # Once the lock is free, the import runs.
    run = kb_import(src, "--dest", dest)
    assert run.wait(timeout=120) == 0, run.communicate()
    assert len(list(dest.glob("*.md"))) == 3


def _file_size_limit(limit: int) -> None:
    # A real write failure (EFBIG) without a small file system to fill.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_full_destination_stops_with_a_message_and_nothing_half_written(
    tmp_path: Path,
) -> None:
    src = tmp_path / "src"
    export(src, "dave", 4)
    for n in (2, 3):  # two pages too large for the limit, in the middle of the batch
        path = src / f"dave-{n:03d}.md"
        path.write_text(path.read_text(encoding="utf-8") + "y" * 6000, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    dest = tmp_path / "docs" / "articles"
    run = kb_import(src, "--dest", dest, preexec_fn=lambda: _file_size_limit(4000))
    code = run.wait(timeout=120)
    _out, err = run.communicate()
    assert code == 1
    assert err.strip().splitlines()[-1] == (
        f"kb import: error: cannot write to {dest}: File too large; "
        "stopped with 2 of 4 files written (each one whole)"
    )
    assert "Traceback" not in err
    # The pages written before the failure are whole; no temporary file is left.
    assert sorted(p.name for p in dest.iterdir()) == ["article-0.md", "article-1.md"]
    for body in pages(dest).values():
        assert body.strip().startswith("dave wrote part")


def test_a_read_only_destination_is_one_message(tmp_path: Path) -> None:
    src = export(tmp_path / "src", "erin", 2)
    dest = tmp_path / "docs" / "articles"
    dest.mkdir(parents=True)
    if os.geteuid() == 0:
        # root writes whatever the mode: make the file system itself read-only.
        if shutil.which("mount") is None:
            pytest.skip("running as root without mount(8): no way to make a read-only folder")
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(dest)], check=False
        )
        if mounted.returncode != 0:
            pytest.skip("running as root and mount(8) is not allowed here")
        undo = ["umount", str(dest)]
        reason = "Read-only file system"
    else:
        dest.chmod(0o555)
        undo = ["chmod", "755", str(dest)]
        reason = "Permission denied"
    try:
        run = kb_import(src, "--dest", dest)
        code = run.wait(timeout=120)
        _out, err = run.communicate()
        left = list(dest.iterdir())
    finally:
        subprocess.run(undo, check=True)
    assert code == 1
    assert err == f"kb import: error: cannot write to {dest / LOCK_NAME}: {reason}\n"
    assert left == []


def test_report_pointing_at_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    src = export(tmp_path / "src", "frank", 1)
    (tmp_path / "docs").mkdir()
    dest = tmp_path / "docs" / "articles"
    run = kb_import(src, "--dest", dest, "--report", tmp_path)
    assert run.wait(timeout=120) == 2
    assert run.communicate()[1] == (
        f"kb import: error: --report {tmp_path}: a folder; name a file (report.json)\n"
    )
    assert not dest.exists()
