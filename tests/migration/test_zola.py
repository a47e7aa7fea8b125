"""A Zola blog with TOML front matter whose dates are only in ``path``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_kb.articles.frontmatter import split_front_matter

from .conftest import FIXTURES, Migrated, build_cleanly

SITE = FIXTURES / "zola-blog"
BLOG = SITE / "content" / "blog"


def _import(migrate: Callable[..., Migrated], tmp_path: Path) -> Migrated:
    return migrate(BLOG, "--dest", tmp_path / "site" / "docs" / "articles")


def test_dates_come_from_the_path(migrate: Callable[..., Migrated], tmp_path: Path) -> None:
    run = _import(migrate, tmp_path)
    assert run.code == 0 and run.err_lines == []
    assert run.report["migration"] == {
        "links_rewritten": 4,
        "links_left": 0,
        "dates_from": {"front matter 'path'": 3},
        "redirects": 5,
        "drafts_skipped": 0,
        "files_skipped": 0,
        "shortcodes_converted": 2,
        "shortcodes_kept": 0,
    }
    found = {}
    for page in sorted(run.articles.glob("announcing-*.md")):
        front = split_front_matter(page.read_text()).data
        found[page.stem] = (front["date"], front.get("tags"))  # tags from [taxonomies]
    assert found == {
        "announcing-rust-1-42-0": ("2020-03-12", ["release"]),
        "announcing-rust-1-43-0": ("2020-04-23", ["release"]),
        "announcing-rust-1-44-0": ("2020-06-04", None),
    }
    first = split_front_matter((run.articles / "announcing-rust-1-42-0.md").read_text()).body
    assert "[next release](announcing-rust-1-43-0.md)" in first  # @/blog/rust-1.43.md
    assert "(announcing-rust-1-43-0.md#library-changes)" in first
    assert "[YouTube video](https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in first
    assert "```{note}\nInstall with `rustup update stable`.\n```" in first
    later = split_front_matter((run.articles / "announcing-rust-1-44-0.md").read_text()).body
    assert "(announcing-rust-1-43-0.md#library-changes)" in later  # a full old-site URL
    assert set(run.redirects()) == {
        "2020/03/12/Rust-1.42/index.html",
        "2020/04/23/Rust-1.43/index.html",
        "2020/06/04/Rust-1.44/index.html",
        "blog/index.html",
        "blog/rust-1-43/index.html",
    }


@pytest.mark.sphinx("dirhtml")
def test_the_blog_builds_with_dirhtml_too(
    migrate: Callable[..., Migrated], tmp_path: Path, make_app
) -> None:
    run = _import(migrate, tmp_path)
    outdir = build_cleanly(make_app, run.root, "dirhtml")
    for year in ("2020-03", "2020-04", "2020-06"):
        assert (outdir / "docs/archive" / year / "index.html").is_file()
    # dirhtml pages are folders: the redirect points at the folder.
    redirect = (outdir / "2020/03/12/Rust-1.42/index.html").read_text()
    assert '"../../../../docs/articles/announcing-rust-1-42-0/"' in redirect
