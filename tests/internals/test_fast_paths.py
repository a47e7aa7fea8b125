"""``kb_fast_paths = False`` takes every door's fallback (Sphinx's own writers and
readers, furo's own sidebar post-processing, inflect imported as it is, ...) and
the site is the same, byte for byte, serial and parallel."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from kbtest import ROOTS, copy_project
from sphinx.application import Sphinx


def build(src: Path, out: Path, *, parallel: int, fast: bool) -> dict[str, bytes]:
    app = Sphinx(
        src,
        src,
        out,
        out.parent / f"{out.name}.doctrees",
        "html",
        confoverrides={"kb_fast_paths": fast},
        status=io.StringIO(),
        warning=io.StringIO(),
        freshenv=True,
        parallel=parallel,
    )
    app.build()
    assert app.statuscode == 0
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("parallel", [1, 2])
def test_the_site_is_byte_identical_with_fast_paths_off(tmp_path: Path, parallel: int) -> None:
    src = copy_project(ROOTS / "test-site", tmp_path / "src")
    fast = build(src, tmp_path / "fast", parallel=parallel, fast=True)
    slow = build(src, tmp_path / "slow", parallel=parallel, fast=False)
    assert len(fast) > 30
    assert sorted(fast) == sorted(slow)
    different = [name for name in fast if fast[name] != slow[name]]
    assert different == []
    # The sidebar is really there, in furo's markup.
    article = next(n for n in fast if n.startswith("docs/articles/") and n.endswith(".html"))
    assert b'class="toctree-checkbox"' in fast[article]
