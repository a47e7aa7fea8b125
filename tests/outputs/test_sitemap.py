"""sitemap.xml is whole and in order, clean or incremental, -j 1 or -j 2 (sitemap.py)."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

from kbtest import ROOTS, copy_project

from sphinx_kb.outputs.sitemap import page_link

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _project(dest: Path) -> Path:
    src = copy_project(ROOTS / "test-kb", dest)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nextensions.append("sphinx_sitemap")\nsitemap_url_scheme = "{link}"\n')
    return src


def _locs(outdir: Path) -> list[str]:
    tree = ElementTree.parse(outdir / "sitemap.xml")
    return [loc.text or "" for loc in tree.iter(f"{NS}loc")]


def _build(make_app, src: Path, out: Path, *, jobs: int = 1, fresh: bool = True):
    app = make_app("html", srcdir=src, builddir=out, parallel=jobs, freshenv=fresh)
    written = out / "written.txt"
    written.unlink(missing_ok=True)

    def note(app, pagename, *args) -> None:
        with written.open("a", encoding="utf-8") as record:  # workers write pages too
            record.write(pagename + "\n")

    app.connect("html-page-context", note)
    app.build()
    assert app.statuscode == 0
    return app


def test_every_page_in_order(make_app, tmp_path) -> None:
    src = _project(tmp_path / "src")
    app = _build(make_app, src, tmp_path / "out")
    locs = _locs(Path(app.outdir))
    assert locs == sorted(locs)
    base = "https://kb.example.org/"
    # Each page at its address (the home page at the site root).
    pages = {base + app.builder.get_target_uri(d) for d in app.env.found_docs}
    # Documents only: the pages Sphinx makes up are not content (issue 17).
    assert pages == set(locs)
    assert not {base + "genindex.html", base + "search.html"} & set(locs)


def test_incremental_and_parallel_builds_give_the_clean_sitemap(make_app, tmp_path) -> None:
    src = _project(tmp_path / "src")
    first = _build(make_app, src, tmp_path / "out")
    articles = src / "docs" / "articles"
    assert len(_locs(Path(first.outdir))) > 20
    # One article edited, one removed: the rebuild writes a few pages only.
    edited = sorted(articles.glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    removed = sorted(articles.glob("*.md"))[-1]
    removed.unlink()
    incremental = _build(make_app, src, tmp_path / "out", jobs=2, fresh=False)
    locs = _locs(Path(incremental.outdir))
    gone = "https://kb.example.org/" + page_link(
        f"docs/articles/{removed.stem}", directories=False, suffix=".html"
    )
    assert gone not in locs
    # More pages than the rebuild wrote: the others came from the last build...
    written = (tmp_path / "out" / "written.txt").read_text(encoding="utf-8").split()
    assert 0 < len(written) < len(locs)
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = _build(make_app, clean_src, tmp_path / "clean-out")
    assert locs == _locs(Path(clean.outdir))


def test_directory_links() -> None:
    assert page_link("index", directories=True, suffix=".html") == ""
    assert page_link("docs/tags/index", directories=True, suffix=".html") == "docs/tags/"
    assert page_link("docs/glossary", directories=True, suffix=".html") == "docs/glossary/"
    assert page_link("docs/glossary", directories=False, suffix=".htm") == "docs/glossary.htm"
