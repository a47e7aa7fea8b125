"""Finding the files to import: symbolic links never lead ``kb import`` out of SRC."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_kb.articles.frontmatter import split_front_matter

ARTICLE = "---\ntitle: {title}\ndate: 2024-05-01\n---\n\n{title} body.\n"


def kb_import(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_kb.cli", "import", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """SRC with one real article, and links out of it, in a loop, to nothing, and inside."""
    secret = tmp_path / "secret.md"
    secret.write_text(ARTICLE.format(title="Server secret"), encoding="utf-8")
    src = tmp_path / "export"
    (src / "sub").mkdir(parents=True)
    (src / "real.md").write_text(ARTICLE.format(title="Real"), encoding="utf-8")
    (src / "escape.md").symlink_to(secret)
    (src / "passwd.md").symlink_to("/etc/passwd")
    (src / "loop.md").symlink_to("loop.md")
    (src / "dangling.md").symlink_to("missing.md")
    (src / "sub" / "inside.md").symlink_to("../real.md")  # the same file: imported once
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "hidden.md").write_text(ARTICLE.format(title="Elsewhere"), encoding="utf-8")
    (src / "linked-folder").symlink_to(outside, target_is_directory=True)
    return src


def test_links_out_of_src_are_refused_per_file(export: Path, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    dest = tmp_path / "docs" / "articles"
    run = kb_import(export, "--dest", dest)
    assert run.returncode == 1, run.stderr  # some files failed; the rest went on
    assert sorted(run.stderr.splitlines()) == sorted(
        [
            f"{export}/dangling.md: error: a symbolic link to nothing; not read",
            f"{export}/escape.md: error: a symbolic link out of {export} "
            f"(to {tmp_path / 'secret.md'}); not read",
            f"{export}/loop.md: error: a symbolic link loop; not read",
            f"{export}/passwd.md: error: a symbolic link out of {export} "
            "(to /etc/passwd); not read",
        ]
    )
    # Only the real article was imported; nothing of the files outside SRC.
    assert sorted(p.name for p in dest.iterdir()) == ["real.md"]
    data = split_front_matter((dest / "real.md").read_text(encoding="utf-8")).data
    assert data["title"] == "Real"
    assert data["source"]["path"].endswith("export/real.md")
    published = "".join(p.read_text(encoding="utf-8") for p in dest.rglob("*") if p.is_file())
    assert "root:" not in published and "Server secret" not in published
    assert "Elsewhere" not in published


def test_a_file_named_on_the_command_line_is_read_even_through_a_link(
    export: Path, tmp_path: Path
) -> None:
    # Naming a file is the user's explicit choice; confinement is for what a folder holds.
    (tmp_path / "docs").mkdir()
    dest = tmp_path / "docs" / "articles"
    run = kb_import(export / "escape.md", "--dest", dest)
    assert run.returncode == 0, run.stderr
    assert [p.name for p in dest.iterdir()] == ["server-secret.md"]


def test_only_links_out_of_src_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "export"
    src.mkdir()
    (src / "passwd.md").symlink_to("/etc/passwd")
    (tmp_path / "docs").mkdir()
    run = kb_import(src, "--dest", tmp_path / "docs" / "articles")
    assert run.returncode == 2
    assert run.stderr == (
        f"kb import: error: no inputs: {src}/passwd.md: a symbolic link out of {src} "
        "(to /etc/passwd); not read\n"
    )
    assert not (tmp_path / "docs" / "articles").exists() or not any(
        p.suffix == ".md" for p in (tmp_path / "docs" / "articles").iterdir()
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_an_unreadable_folder_is_reported(tmp_path: Path) -> None:
    src = tmp_path / "export"
    (src / "locked").mkdir(parents=True)
    (src / "real.md").write_text(ARTICLE.format(title="Real"), encoding="utf-8")
    (src / "locked" / "a.md").write_text(ARTICLE.format(title="A"), encoding="utf-8")
    (src / "locked").chmod(0)
    try:
        (tmp_path / "docs").mkdir()
        run = kb_import(src, "--dest", tmp_path / "docs" / "articles")
    finally:
        (src / "locked").chmod(0o755)
    assert run.returncode == 1
    assert f"{src}/locked: error: folder cannot be read: Permission denied" in run.stderr
