"""A Hugo docs section tree migrated: _index.md sections, shortcodes, ref, aliases, {#id}."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_kb.articles.frontmatter import split_front_matter

from .conftest import FIXTURES, Migrated, build_cleanly

SITE = FIXTURES / "hugo-docs"
CONTENT = SITE / "content" / "docs"


def _import(migrate: Callable[..., Migrated], tmp_path: Path, *extra: str) -> Migrated:
    dest = tmp_path / "site" / "docs" / "articles"
    return migrate(CONTENT, "--dest", dest, "--media", SITE / "static", *extra)


def body_of(path: Path) -> str:
    return split_front_matter(path.read_text(encoding="utf-8")).body


def test_import_report(migrate: Callable[..., Migrated], tmp_path: Path) -> None:
    run = _import(migrate, tmp_path)
    assert run.code == 0
    config = CONTENT / "reference" / "config.md"
    assert run.err_lines == [
        f"{config}:11: warning: shortcode '{{{{< mermaid >}}}}' kept as literal text",
        f"{config}:13: warning: shortcode '{{{{< /mermaid >}}}}' kept as literal text",
    ]
    assert run.report["migration"] == {
        "links_rewritten": 8,
        "links_left": 0,
        "dates_from": {"front matter 'Date'": 1, "front matter 'date'": 2},
        "redirects": 8,
        "drafts_skipped": 1,
        "files_skipped": 2,
        "shortcodes_converted": 14,
        "shortcodes_kept": 2,
    }
    assert run.file("_TEMPLATE.md")["skipped"].startswith("a partial or template")
    assert run.file("draft-notes.md")["skipped"].startswith("a draft")
    pages = sorted(p.relative_to(run.articles).as_posix() for p in run.articles.rglob("*.md"))
    assert pages == [
        "getting-started/configure.md",
        "getting-started/index.md",
        "getting-started/install.md",
        "index.md",
        "reference/configuration-reference.md",
        "reference/index.md",
    ]
    redirects = run.redirects()
    assert redirects["install/index.html"]["to"] == "docs/articles/getting-started/install"
    assert redirects["docs/setup/index.html"]["to"] == "docs/articles/getting-started/install"
    assert redirects["docs/reference/config/index.html"]["to"] == (
        "docs/articles/reference/configuration-reference"
    )


def test_shortcodes_become_myst(migrate: Callable[..., Migrated], tmp_path: Path) -> None:
    run = _import(migrate, tmp_path)
    install = body_of(run.articles / "getting-started/install.md")
    assert install.startswith("\n(reqs)=\n## Requirements\n\nYou need **Go 1.21** or newer")
    assert (
        "```{figure} ../../media/images/architecture.png\n:alt: Widget's parts\n\n"
        "How the parts fit together.\n```" in install
    )
    assert "```{code-block} go\n:emphasize-lines: 2\n\nfunc main() {" in install
    assert "```{warning}\nBuilding needs **4 GB** of memory.\n```" in install
    assert "```{note}\nThe binary lands in `./bin`.\n```" in install
    assert "[configuration options](../reference/configuration-reference.md#options)" in install
    configure = body_of(run.articles / "getting-started/configure.md")
    assert "[requirements](install.md#reqs)" in configure
    assert "[install page](install.md)" in configure
    assert "[full reference](../reference/configuration-reference.md)" in configure
    assert "`````{tab-set}\n````{tab-item} TOML\n```toml\nport = 8080\n```\n````" in configure
    assert "```{dropdown} Where is the file?\n" in configure
    assert '`{{</* figure src="x.png" */>}}`' not in configure
    assert '`{{< figure src="x.png" >}}`' in configure  # Hugo's escape, undone
    root = body_of(run.articles / "index.md")
    assert "Everything about Widget 2.1." in root  # {{< param >}} from hugo.toml
    assert "[getting started](getting-started/index.md)" in root
    toctree = "```{toctree}\n:glob:\n:titlesonly:\n:maxdepth: 1\n\n*/index\n```"
    assert root.rstrip().endswith(toctree)
    reference = body_of(run.articles / "reference/index.md")
    assert reference.startswith("\n# Reference\n\n```{toctree}")
    assert reference.rstrip().endswith("\n*\n```")


@pytest.mark.sphinx("html")
def test_the_docs_build_without_warnings(
    migrate: Callable[..., Migrated], tmp_path: Path, make_app
) -> None:
    run = _import(migrate, tmp_path)
    outdir = build_cleanly(make_app, run.root)
    section = (outdir / "docs/articles/getting-started/index.html").read_text()
    assert 'href="configure.html">Configure' in section
    assert 'href="install.html">Install' in section
    # Section pages are pages, not articles: no byline, not in the archive.
    assert "kb-byline" not in section
    archive = (outdir / "docs/archive/2023-01.html").read_text()
    assert ">Install<" in archive and ">Getting started<" not in archive
    install = (outdir / "docs/articles/getting-started/install.html").read_text()
    assert 'id="reqs"' in install and "architecture.png" in install
    assert "admonition warning" in install
    config = (outdir / "docs/articles/reference/configuration-reference.html").read_text()
    assert '<span class="pre">mermaid</span>' in config  # kept, as literal code
    # Each page is in exactly one toctree: the section's, not also a year's.
    year = (run.root / "docs/archive/2023.md").read_text()
    assert "install" not in year


def test_flat_drafts_and_exclude(migrate: Callable[..., Migrated], tmp_path: Path) -> None:
    run = _import(migrate, tmp_path, "--flat", "--include-drafts", "--exclude", "configure.md")
    assert run.code == 0
    pages = sorted(p.name for p in run.articles.glob("*.md"))
    # Section index files with text are articles; the empty one is left out.
    assert pages == [
        "configuration-reference.md",
        "getting-started.md",
        "install.md",
        "notes-for-the-next-release.md",
        "widget-documentation.md",
    ]
    assert run.file("reference/_index.md")["skipped"] == "a section index with no text (--flat)"
    assert run.file("configure.md")["skipped"] == "matches --exclude"


def test_reimport_after_changing_the_map_fixes_the_result(
    migrate: Callable[..., Migrated], tmp_path: Path
) -> None:
    """Settings changed (not the sources): the pages are made again as a first import would."""
    src = tmp_path / "export"
    src.mkdir()
    for name, heading in (("a.md", "Overview"), ("b.md", "Overview")):
        (src / name).write_text(
            f"---\nname: Page {name[0].upper()}\ndate: 2021-01-01\n---\n# {heading}\n\nText.\n"
        )
    dest = tmp_path / "site" / "docs" / "articles"
    first = migrate(src, "--dest", dest)
    assert sorted(p.name for p in dest.glob("*.md")) == ["overview-2.md", "overview.md"]
    second = migrate(src, "--dest", dest, "--map", "title=name", project=tmp_path / "site")
    assert second.code == 0 and first.code == 0
    assert sorted(p.name for p in dest.glob("*.md")) == ["page-a.md", "page-b.md"]
    assert "taken by another page" not in second.err
    assert f"{dest / 'overview.md'}: removed (its page is now page-a.md)" in second.err_lines
