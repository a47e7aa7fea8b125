"""Parallel writers resolve, index and write whole batches (parallel_write.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from kbtest import ROOTS, copy_project, search_records, warnings_of


def _outputs(outdir: Path) -> dict[str, bytes]:
    # .buildinfo only differs in a hash of the config, which holds kb_parallel_write.
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name != ".buildinfo"
    }


def _build(make_app, src: Path, jobs: int, record: Path, **overrides: object):
    app = make_app("html", srcdir=src, parallel=jobs, freshenv=True, confoverrides=overrides)

    def note(app, doctree, docname) -> None:
        with record.open("a") as out:
            out.write(f"{os.getpid()} {docname}\n")

    app.connect("doctree-resolved", note)
    app.build()
    assert app.statuscode == 0
    resolved_by: dict[int, list[str]] = {}
    for line in record.read_text().splitlines():
        pid, docname = line.split()
        resolved_by.setdefault(int(pid), []).append(docname)
    return app, resolved_by


def test_workers_write_whole_batches_and_the_site_is_the_serial_one(make_app, tmp_path) -> None:
    sites = {}
    for jobs in (1, 2):
        src = copy_project(ROOTS / "test-kb", tmp_path / f"j{jobs}")
        app, resolved_by = _build(make_app, src, jobs, tmp_path / f"j{jobs}.txt")
        sites[jobs] = _outputs(Path(app.outdir))
    # -j 2: the main process resolved the first page only; two workers did the rest.
    main = resolved_by.pop(os.getpid())
    assert len(main) == 1
    assert len(resolved_by) >= 2
    every = [d for docs in resolved_by.values() for d in docs]
    assert sorted(every + main) == sorted(app.env.found_docs)
    # The same site, byte for byte: pages, feed, and the same search index.
    assert "_kbsearch/index.json" in sites[1] and len(sites[1]) > 40
    assert sites[2].keys() == sites[1].keys()
    assert [name for name in sites[1] if sites[1][name] != sites[2][name]] == []


def test_sphinx_own_scheme_resolves_in_the_main_process(make_app, tmp_path) -> None:
    # The setting switches it off: the main process resolves every page, as in Sphinx.
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    app, resolved_by = _build(make_app, src, 2, tmp_path / "record.txt", kb_parallel_write="sphinx")
    assert list(resolved_by) == [os.getpid()]
    assert sorted(resolved_by[os.getpid()]) == sorted(app.env.found_docs)


@pytest.mark.sphinx("html", testroot="kb", freshenv=True, parallel=2)
def test_search_index_holds_every_page_written_in_workers(app) -> None:
    app.build()
    records = search_records(Path(app.outdir))
    articles = {f"{d}.html" for d in app.env.found_docs if d.startswith("docs/articles/")}
    assert articles <= set(records)
    assert "immunotherapy" in records["docs/articles/seed.html"]["text"].lower()


def test_warnings_from_workers_reach_the_build_once(make_app, tmp_path) -> None:
    # A reference that fails while a worker resolves its page: reported by the main
    # process, once, with the page's file and line; the build goes on.
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    manual = src / "docs" / "manual.md"
    manual.write_text(
        manual.read_text(encoding="utf-8") + "\nSee {ref}`no-such-label`.\n", encoding="utf-8"
    )
    app, resolved_by = _build(make_app, src, 2, tmp_path / "record.txt")
    assert "docs/manual" not in resolved_by.pop(os.getpid())
    assert any("docs/manual" in docs for docs in resolved_by.values())
    warnings = warnings_of(app)
    assert warnings.count("no-such-label") == 1, warnings
    assert "docs/manual.md:8: WARNING: undefined label: 'no-such-label'" in warnings
    assert (Path(app.outdir) / "docs" / "manual.html").exists()


def test_switching_the_scheme_rebuilds_nothing(make_app, tmp_path) -> None:
    src = copy_project(ROOTS / "test-kb", tmp_path / "src")
    _build(make_app, src, 2, tmp_path / "first.txt")
    app = make_app("html", srcdir=src, parallel=2, confoverrides={"kb_parallel_write": "sphinx"})
    app.build()
    status = app.status.getvalue()
    assert "0 added, 0 changed, 0 removed" in status, status
    assert "[config changed" not in status
