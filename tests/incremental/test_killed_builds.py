"""A build killed at any moment, or state files damaged between builds, never leave a
site that differs from a clean build; and a killed build leaves no process behind.

Builds run as ``sphinx-build`` does, in a child process; the kill is a SIGKILL (no
clean-up can run) sent while the build reads or writes pages.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_incremental import (
    PROJECT,
    copy_sources,
    differences,
    initial_model,
    site,
    write_project,
)


def sphinx(src: Path, jobs: int = 1) -> list[str]:
    out, doctrees = src / "_build/html", src / "_build/doctrees"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-j", str(jobs)]
    return [*command, "-d", str(doctrees), str(src), str(out)]


def build(src: Path, jobs: int = 1) -> None:
    done = subprocess.run(sphinx(src, jobs), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]


def build_killed(src: Path, jobs: int, phase: str, delay: float) -> bool:
    """Start a build, SIGKILL it ``delay`` seconds after it starts ``phase``; True when
    it was killed before it finished on its own."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen(
        sphinx(src, jobs), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    assert child.stdout is not None
    trigger = {"reading": "reading sources", "writing": "writing output"}[phase]
    for line in child.stdout:
        if trigger in line:
            time.sleep(delay)
            break
    killed = child.poll() is None
    child.kill()
    child.wait()
    child.stdout.close()
    return killed


def processes_of(src: Path) -> list[str]:
    """Processes (other than this one) whose command line names the project folder:
    the build and everything it forked."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if str(src) in command:
            found.append(f"{entry.name}: {command}")
    return found


def edited_project(root: Path) -> Path:
    """A built project, then edited: the next build reads and writes pages."""
    src = root / "work"
    copy_sources(PROJECT, src)
    model = initial_model()
    write_project(model, src)
    build(src)
    model.articles["alpha"].title = "Alpha renamed"
    model.articles["beta"].body = "Plasma cells make antibodies; a plasma cell lives for weeks."
    del model.articles["gamma"]
    write_project(model, src)
    return src


def assert_same_as_clean(src: Path, root: Path) -> None:
    clean = root / "clean"
    copy_sources(src, clean)
    build(clean)
    found = differences(site(src / "_build/html"), site(clean / "_build/html"))
    assert found == "", found


@pytest.mark.parametrize(
    "phase,jobs", [("reading", 1), ("writing", 1), ("reading", 2), ("writing", 2)]
)
def test_killed_build_then_incremental_equals_clean(tmp_path: Path, phase: str, jobs: int) -> None:
    src = edited_project(tmp_path)
    delay = random.Random(f"{phase}{jobs}").uniform(0.0, 0.4)
    build_killed(src, jobs, phase, delay)
    time.sleep(0.2)  # the kernel delivers the children's SIGKILL
    assert processes_of(src) == []
    build(src)
    assert_same_as_clean(src, tmp_path)


def test_kills_one_after_another_then_incremental_equals_clean(tmp_path: Path) -> None:
    # Each killed build starts from what the one before it left: a kill while
    # reading, then at several moments of writing, serial and parallel.
    src = edited_project(tmp_path)
    moments = random.Random("one after another")
    for phase, jobs in [("reading", 1), ("writing", 2), ("writing", 1), ("reading", 2)]:
        build_killed(src, jobs, phase, moments.uniform(0.0, 0.6))
        time.sleep(0.2)
        assert processes_of(src) == []
    build(src, jobs=2)
    assert_same_as_clean(src, tmp_path)


def test_damaged_state_files_are_rebuilt(tmp_path: Path) -> None:
    src = edited_project(tmp_path)
    build(src)
    kept = sorted((src / "_build/doctrees").glob("kb-*.json"))
    assert kept, "the build keeps no state files: this test has nothing to damage"
    for number, path in enumerate(kept):
        path.write_text(["{}", "[1, 2]", '{"truncated": ', "\0\0"][number % 4], encoding="utf-8")
    write_project(initial_model(), src)  # another edit, so pages are written again
    build(src)
    assert_same_as_clean(src, tmp_path)


def test_a_killed_build_is_seen_by_the_next(tmp_path: Path) -> None:
    # Control for the tests above: the kill really lands before the build's end.
    src = edited_project(tmp_path)
    assert build_killed(src, 1, "writing", 0.0)
    marker = src / "_build/doctrees/kb-build-in-progress"
    assert marker.exists()
    build(src)
    assert not marker.exists()
