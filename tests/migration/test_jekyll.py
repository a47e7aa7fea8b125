"""A Jekyll blog migrated end to end: posts, Liquid, redirect_from, a hand-written table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_kb.articles.frontmatter import split_front_matter

from .conftest import FIXTURES, Migrated, build_cleanly

SITE = FIXTURES / "jekyll-blog"
POSTS = "docs/articles/posts"


def _import(migrate: Callable[..., Migrated], tmp_path: Path) -> Migrated:
    dest = tmp_path / "site" / "docs" / "articles"
    return migrate(SITE, "--dest", dest, "--media", SITE)


def body_of(path: Path) -> str:
    return split_front_matter(path.read_text(encoding="utf-8")).body


def test_import_report(migrate: Callable[..., Migrated], tmp_path: Path) -> None:
    run = _import(migrate, tmp_path)
    assert run.code == 0
    # Warnings listed exactly: only the two links no imported page had.
    assert run.err_lines == [
        f"{SITE / 'about.md'}:7: info: link '/' left as it was: no imported page had this URL",
        f"{SITE / '_posts/2016-02-03-joinery-tables.md'}:32: info: link '/nowhere/' left as "
        "it was: no imported page had this URL",
    ]
    assert run.report["migration"] == {
        "links_rewritten": 10,
        "links_left": 2,
        "dates_from": {"file name": 3, "front matter 'date'": 1},
        "redirects": 6,
        "drafts_skipped": 1,
        "files_skipped": 2,
        "shortcodes_converted": 6,
        "shortcodes_kept": 0,
    }
    assert run.file("_drafts/half-written.md")["skipped"] == "in a drafts folder"
    assert run.file("_includes/tip.md")["skipped"] == "in a folder of templates or includes"
    assert sorted(p.relative_to(run.articles).as_posix() for p in run.articles.rglob("*.md")) == [
        "about.md",
        "posts/joinery-tables.md",
        "posts/sharpening-chisels.md",
        "posts/welcome-to-jekyll.md",
    ]
    welcome = run.file("2014-05-06-welcome-to-jekyll.md")["migration"]
    assert welcome["old_url"] == "/jekyll/update/2014/05/06/welcome-to-jekyll/"
    assert (welcome["date"], welcome["date_origin"]) == ("2014-05-06", "file name")
    again = migrate(SITE, "--dest", run.articles, "--media", SITE, project=run.root)
    assert again.report["summary"]["unchanged"] == 4 and again.err_lines == run.err_lines
    # No absolute path of this machine in any page.
    for page in run.articles.rglob("*.md"):
        assert str(SITE) not in page.read_text()
        assert "jekyll-blog/" in page.read_text()


def test_markup_and_links_are_converted(migrate: Callable[..., Migrated], tmp_path: Path) -> None:
    run = _import(migrate, tmp_path)
    welcome = body_of(run.articles / "posts/welcome-to-jekyll.md")
    assert "Welcome to Tinker's Notebook." in welcome  # {{ site.title }}
    assert "```ruby\ndef print_hi(name)\n" in welcome  # {% highlight %}
    assert "[second post](sharpening-chisels.md)" in welcome  # {% post_url %}
    assert "[its honing section](sharpening-chisels.md#honing)" in welcome
    assert "[about page](../about.md)" in welcome  # {% link %}
    assert "**Tip:** measure twice, cut once." in welcome  # {% include %} from _includes
    chisels = body_of(run.articles / "posts/sharpening-chisels.md")
    assert "(honing)=\n## Honing\n" in chisels  # {#honing}, linked to: a label
    assert "(strop)=\nStropping comes last" in chisels  # <a id="strop"></a>
    assert "[back to honing](sharpening-chisels.md#honing)" in chisels
    assert "{:" not in chisels and "TOC" not in chisels  # kramdown attributes
    assert "[the tables post](joinery-tables.md)" in chisels  # relative to the old URL
    tables = body_of(run.articles / "posts/joinery-tables.md")
    assert "<tbody>\n    <tr>\n      <td>Mortise</td>\n      <td>10 mm</td>" in tables
    assert '<td><a href="sharpening-chisels.html">chisel</a></td>' in tables
    assert "[the full address](sharpening-chisels.md)" in tables  # a redirect_from URL
    assert "[a page that never existed](https://blog.example.org/nowhere/)" in tables
    # A bolded sentence is not a heading.
    assert "\n**Joints that carry load must be glued" in tables
    about = split_front_matter((run.articles / "about.md").read_text())
    assert about.data["title"] == "About"  # "Title:" counts
    assert "[welcome]: posts/welcome-to-jekyll.md" in about.body


@pytest.mark.sphinx("html")
def test_the_blog_builds_without_warnings(
    migrate: Callable[..., Migrated], tmp_path: Path, make_app
) -> None:
    run = _import(migrate, tmp_path)
    outdir = build_cleanly(make_app, run.root)
    table = outdir / POSTS / "joinery-tables.html"
    html = table.read_text()
    assert html.count("<td>") == 6 and '<th colspan="2">Size</th>' in html
    # Every old URL (and redirect_from) has a redirect page to the new one.
    for old, new in {
        "jekyll/update/2014/05/06/welcome-to-jekyll/index.html": "welcome-to-jekyll.html",
        "tools/2015/01/10/sharpening-chisels/index.html": "sharpening-chisels.html",
        "chisels/index.html": "sharpening-chisels.html",
        "2015/01/10/chisels.html": "sharpening-chisels.html",
        "about/index.html": "docs/articles/about.html",
    }.items():
        assert new in (outdir / old).read_text(), old
    # A hard line break is a line break, with no warning.
    chisels = (outdir / POSTS / "sharpening-chisels.html").read_text()
    assert "Keep it wet.<br>Work slowly." in chisels
