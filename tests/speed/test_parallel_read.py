"""Parallel readers send back only the pages they read (parallel.py)."""

from __future__ import annotations

import os

import pytest

from sphinx_kb.environment.domain import get_domain


@pytest.mark.sphinx("html", testroot="kb", freshenv=True, parallel=2)
def test_readers_keep_only_their_own_pages(app, tmp_path) -> None:
    record = tmp_path / "readers.txt"

    def note(app, doctree) -> None:
        env = app.env
        held = set(env.titles) | set(env.tocs) | set(env.metadata)
        held |= set(get_domain(env).data["articles"])
        with record.open("a") as out:
            out.write(f"{os.getpid()} {env.docname} {' '.join(sorted(held))}\n")

    app.connect("doctree-read", note, priority=900)  # after Sphinx's own collectors
    app.build()
    read_by: dict[str, list[str]] = {}
    for line in record.read_text().splitlines():
        pid, docname, *held = line.split()
        read_by.setdefault(pid, []).append(docname)
        # Only pages this reader has read itself: nothing inherited from the main
        # process is pickled back to it.
        assert docname in held and set(held) <= set(read_by[pid]), (docname, held)
    assert len(read_by) >= 2 and str(os.getpid()) not in read_by
    # The main process has every page's data all the same.
    assert set(app.env.titles) == set(app.env.found_docs)
    seed = get_domain(app.env).data["articles"]["docs/articles/seed"]
    assert seed.title.startswith("What is Immunotherapy")
