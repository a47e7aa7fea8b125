"""Bytes to text: UTF-16 and repeated byte-order marks are read, and said so once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_kb.articles.decoding import decode_bytes, sphinx_cannot_read
from sphinx_kb.articles.frontmatter import split_front_matter

TEXT = "---\ntitle: Café\ndate: 2024-05-01\n---\n\nBody.\n"


@pytest.mark.parametrize(
    "raw",
    [
        ("\ufeff" + TEXT).encode("utf-16-le"),
        ("\ufeff" + TEXT).encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no mark: Windows tools write these too
        TEXT.encode("utf-16-be"),
    ],
)
def test_utf16_is_decoded_with_a_warning(raw: bytes) -> None:
    decoded = decode_bytes(raw)
    assert decoded.text == TEXT
    assert decoded.warnings == ("line 1: file is UTF-16 text, not UTF-8; read as UTF-16",)
    assert not decoded.had_bom  # the UTF-8 byte-order-mark note is not about this file
    assert split_front_matter(decoded.text).data["title"] == "Café"
    # What the build (strict UTF-8, like Sphinx) says, and kb check with it.
    assert sphinx_cannot_read(raw) == ("file is UTF-16 text, not UTF-8", 1)


def test_repeated_byte_order_marks_are_all_removed() -> None:
    decoded = decode_bytes(("\ufeff\ufeff" + TEXT).encode("utf-8"))
    assert decoded.text == TEXT
    assert decoded.had_bom
    assert decoded.warnings == ()
    assert sphinx_cannot_read(("\ufeff\ufeff" + TEXT).encode("utf-8")) is None
    # What Sphinx hands the build after removing one mark still has its front matter.
    assert split_front_matter("\ufeff" + TEXT).data["title"] == "Café"


def test_utf32_and_binary_stay_refused() -> None:
    assert sphinx_cannot_read(TEXT.encode("utf-32")) == (
        "file looks binary (it contains NUL bytes)",
        1,
    )


def test_kb_import_turns_utf16_into_utf8(tmp_path: Path) -> None:
    src = tmp_path / "export"
    src.mkdir()
    (src / "windows.md").write_bytes(("\ufeff" + TEXT).encode("utf-16-le"))
    (tmp_path / "docs").mkdir()
    dest = tmp_path / "docs" / "articles"
    run = subprocess.run(
        [sys.executable, "-m", "sphinx_kb.cli", "import", src, "--dest", dest],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == (
        f"{src / 'windows.md'}:1: warning: file is UTF-16 text, not UTF-8; read as UTF-16\n"
    )
    page = (dest / "cafe.md").read_bytes()
    assert sphinx_cannot_read(page) is None  # plain UTF-8 now: the build reads it
    assert split_front_matter(page.decode("utf-8")).data["title"] == "Café"
