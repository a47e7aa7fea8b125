"""Real public sites migrated: Jekyll's, Hugo's and the Rust blog's own files.

Each fixture under ``tests/fixtures/real-sites/`` is a handful of unchanged files
from the site's repository (see its NOTICE).  They are imported the way a person
migrating the site would (``kb import <the generator's content folder>``), then built
by Sphinx.  Every figure asserted is counted from the files themselves: a link to a
page of the handful is rewritten, a link to a page not copied stays (pointing at the
old site), and the only warnings are the ones that are true of these files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_kb.articles.frontmatter import split_front_matter

from .conftest import TESTS, Migrated, broken_links, warnings_of

REAL = TESTS / "fixtures" / "real-sites"
JEKYLL_DOCS = REAL / "jekyll" / "docs" / "_docs"
HUGO_CONTENT = REAL / "hugo" / "content"
STRINGS = HUGO_CONTENT / "en" / "functions" / "strings"
ZOLA_CONTENT = REAL / "zola" / "content"
ELEVENTY_BLOG = REAL / "eleventy" / "content" / "blog"

UNDATED = (
    "warning: no date in the front matter, file name, folders or path; "
    "the article is listed as undated"
)


def _import(migrate: Callable[..., Migrated], tmp_path: Path, source: Path) -> Migrated:
    run = migrate(source, "--dest", tmp_path / "site" / "docs" / "articles")
    assert run.code == 0, run.err
    return run


def _pages(run: Migrated) -> list[str]:
    return sorted(p.relative_to(run.articles).as_posix() for p in run.articles.rglob("*.md"))


def _build(make_app, run: Migrated) -> tuple[list[str], Path]:
    app = make_app("html", srcdir=run.root, freshenv=True)
    app.build()
    outdir = Path(app.outdir)
    # Every old URL answers: its redirect page exists, and (crawled below with the
    # rest of the site) leads to a page that exists.
    for source in run.redirects():
        assert (outdir / source).is_file(), source
    assert broken_links(outdir) == []
    return warnings_of(app), outdir


def _body(path: Path) -> str:
    return split_front_matter(path.read_text(encoding="utf-8")).body


# -- Jekyll: jekyllrb.com's docs collection -----------------------------------------------


def test_jekyll_docs(migrate: Callable[..., Migrated], tmp_path: Path, make_app) -> None:
    run = _import(migrate, tmp_path, JEKYLL_DOCS)
    assert run.report["migration"] == {
        # drafts.md -> /docs/structure/; installation.md: 5 anchors on its own page.
        "links_rewritten": 6,
        # installation.md: 7 relative links (../windows/ ...); structure.md: 8 in HTML.
        "links_left": 15,
        "dates_from": {"none": 4},  # documentation pages have no date anywhere
        "redirects": 4,
        "drafts_skipped": 0,
        "files_skipped": 0,
        "shortcodes_converted": 0,
        "shortcodes_kept": 1,  # {% include docs_version_badge.html %}, a theme template
    }
    assert _pages(run) == [
        "directory-structure.md",
        "installation.md",
        "installation/jekyll-on-ubuntu.md",
        "working-with-drafts.md",
    ]
    structure = JEKYLL_DOCS / "structure.md"
    assert [line for line in run.err_lines if ": warning:" in line] == [
        f"{JEKYLL_DOCS / 'drafts.md'}: {UNDATED}",
        f"{JEKYLL_DOCS / 'installation.md'}: {UNDATED}",
        f"{structure}:35: warning: '{{% include docs_version_badge.html version=\"3.2\"%}}' "
        "inside HTML kept as literal text",
        f"{structure}: {UNDATED}",
        f"{JEKYLL_DOCS / 'installation' / 'ubuntu.md'}: {UNDATED}",
    ]
    left = run.file("structure.md")["migration"]["links_left"]
    # Links inside the HTML table are reported at their own lines.
    assert [item["line"] for item in left] == [35, 60, 73, 100, 116, 147, 184, 201]

    installation = _body(run.articles / "installation.md")
    assert "[Install Jekyll on macOS](installation.md#macos)" in installation
    # A relative link to a page that was not imported goes to the old site, not nowhere.
    assert "[Install Jekyll on Windows](https://jekyllrb.com/docs/windows/)" in installation
    assert "[site structure](directory-structure.md)" in _body(
        run.articles / "working-with-drafts.md"
    )
    structure_body = _body(run.articles / "directory-structure.md")
    # {% raw %} in an HTML block: its text, without Markdown backticks around it.
    assert "<code>{% include file.ext %}</code>" in structure_body
    assert "<code>{{ content }}</code>" in structure_body

    warnings, outdir = _build(make_app, run)
    assert warnings == []
    assert run.redirects()["docs/installation/ubuntu/index.html"]["to"] == (
        "docs/articles/installation/jekyll-on-ubuntu"
    )
    table = (outdir / "docs/articles/directory-structure.html").read_text(encoding="utf-8")
    # The raw HTML table survives, its links pointing at the old site.
    assert table.count("<td>") == 22  # as many as structure.md has
    assert 'href="https://jekyllrb.com/docs/configuration/"' in table


# -- Hugo: gohugo.io's docs, content/en (a multilingual site's language folder) -----------


def test_hugo_docs(migrate: Callable[..., Migrated], tmp_path: Path, make_app) -> None:
    run = _import(migrate, tmp_path, HUGO_CONTENT)
    assert run.report["migration"] == {
        # ReplacePairs.md: [`strings.Replace`]: /functions/strings/replace/
        "links_rewritten": 1,
        # ReplacePairs.md: [interleaved](g), a link hugoDocs' render hook sends to its glossary
        "links_left": 1,
        "dates_from": {"none": 5},  # only _index.md has a date (lastmod comes from git)
        "redirects": 10,
        "drafts_skipped": 0,
        "files_skipped": 0,
        "shortcodes_converted": 3,  # {{< note >}}
        # {{% include "/_common/..." %}} (not in the copied tree) x3, {{< new-in >}}
        "shortcodes_kept": 4,
    }
    # content/en is the content root: no "en" folder, and URLs as Hugo wrote them
    # (lower case, below the language folder).
    assert _pages(run) == [
        "functions/strings/index.md",
        "functions/strings/strings-findre.md",
        "functions/strings/strings-findresubmatch.md",
        "functions/strings/strings-replace.md",
        "functions/strings/strings-replacepairs.md",
        "functions/strings/strings-replacere.md",
    ]
    assert sorted(run.redirects()) == [
        "functions/findre/index.html",
        "functions/findresubmatch/index.html",
        "functions/replace/index.html",
        "functions/replacere/index.html",
        "functions/strings/findre/index.html",
        "functions/strings/findresubmatch/index.html",
        "functions/strings/index.html",
        "functions/strings/replace/index.html",
        "functions/strings/replacepairs/index.html",
        "functions/strings/replacere/index.html",
    ]
    include = "include '/_common/functions/regular-expressions.md' is not in the source tree"
    pairs = STRINGS / "ReplacePairs.md"
    # One message per missing include, not a second "kept as literal text" for it.
    assert run.err_lines == [
        f"{STRINGS / 'FindRESubmatch.md'}:19: warning: {include}; kept as text",
        f"{STRINGS / 'FindRESubmatch.md'}: {UNDATED}",
        f"{STRINGS / 'FindRe.md'}:18: warning: {include}; kept as text",
        f"{STRINGS / 'FindRe.md'}: {UNDATED}",
        f"{STRINGS / 'Replace.md'}: {UNDATED}",
        f"{pairs}:13: warning: shortcode '{{{{< new-in 0.158.0 />}}}}' kept as literal text",
        f"{pairs}:83: info: link 'g' left as it was: no imported page had this URL",
        f"{pairs}: {UNDATED}",
        f"{STRINGS / 'ReplaceRE.md'}:17: warning: {include}; kept as text",
        f"{STRINGS / 'ReplaceRE.md'}: {UNDATED}",
    ]
    assert "[`strings.Replace`]: strings-replace.md" in _body(
        run.articles / "functions/strings/strings-replacepairs.md"
    )
    assert "```{note}\nYou can write and test your regular expression" in _body(
        run.articles / "functions/strings/strings-findre.md"
    )

    warnings, _outdir = _build(make_app, run)
    findre = run.articles / "functions/strings/strings-findre.md"
    # Real: Pygments has no lexer for Go templates; said once for the whole site.
    assert warnings == [
        f"{findre}:29: WARNING: code blocks in language 'go-html-template' are shown as "
        "plain text (Pygments has no lexer of that name) [kb.code-language]"
    ]


# -- Zola: the Rust blog -------------------------------------------------------------------


def test_rust_blog(migrate: Callable[..., Migrated], tmp_path: Path, make_app) -> None:
    run = _import(migrate, tmp_path, ZOLA_CONTENT)
    assert run.report["migration"] == {
        # Rust-1.42.md -> https://blog.rust-lang.org/2020/01/03/reducing-...html
        "links_rewritten": 1,
        # Rust-1.42.md -> the Rust 1.26 post and an Inside Rust post, not copied.
        "links_left": 2,
        "dates_from": {"front matter 'path'": 2},
        "redirects": 4,
        "drafts_skipped": 0,
        "files_skipped": 0,
        "shortcodes_converted": 0,
        "shortcodes_kept": 0,
    }
    assert [line for line in run.err_lines if ": warning:" in line] == []
    dates = {f["source"].rsplit("/", 1)[-1]: f["migration"]["date"] for f in run.report["files"]}
    assert dates == {
        "Rust-1.42.md": "2020-03-12",
        "reducing-support-for-32-bit-apple-targets.md": "2020-01-03",
    }
    # path = "....html" is a file on the old site; aliases are from the site's root.
    assert sorted(run.redirects()) == [
        "2020/01/03/reducing-support-for-32-bit-apple-targets.html",
        "2020/03/12/Rust-1.42.html",
        "2020/03/12/Rust-1.42/index.html",
        "releases/1.42.0/index.html",
    ]
    release = _body(run.articles / "announcing-rust-1-42-0.md")
    assert "[this post](reducing-support-for-32-bit-apple-targets.md)" in release

    warnings, outdir = _build(make_app, run)
    # ```plain is what the author asked for: plain text, no warning.
    assert warnings == []
    page = outdir / "docs/articles/reducing-support-for-32-bit-apple-targets.html"
    assert "rustup toolchain install nightly-2019-12-01" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", [JEKYLL_DOCS, HUGO_CONTENT, ZOLA_CONTENT, ELEVENTY_BLOG])
def test_sources_are_not_touched(
    migrate: Callable[..., Migrated], tmp_path: Path, source: Path
) -> None:
    before = {p: p.read_bytes() for p in source.rglob("*") if p.is_file()}
    _import(migrate, tmp_path, source)
    assert {p: p.read_bytes() for p in source.rglob("*") if p.is_file()} == before


# -- Eleventy: the official starter blog --------------------------------------------------


def test_eleventy_base_blog(migrate: Callable[..., Migrated], tmp_path: Path, make_app) -> None:
    run = _import(migrate, tmp_path, ELEVENTY_BLOG.parent)
    assert run.report["migration"] == {
        "links_rewritten": 1,  # secondpost.md -> blog/thirdpost.md (an input path)
        "links_left": 1,  # secondpost.md -> /blog/firstpost.md, not copied
        "dates_from": {"front matter 'date'": 3},
        "redirects": 3,
        "drafts_skipped": 0,
        "files_skipped": 0,
        "shortcodes_converted": 0,
        "shortcodes_kept": 0,
    }
    fourth = ELEVENTY_BLOG / "fourthpost" / "fourthpost.md"
    assert [line for line in run.err_lines if ": warning:" in line] == [
        f"{fourth}:11: warning: image './possum.png' not imported (no --media given)"
    ]
    # blog/fourthpost/fourthpost.md was served at /blog/fourthpost/.
    assert sorted(run.redirects()) == [
        "blog/fourthpost/index.html",
        "blog/secondpost/index.html",
        "blog/thirdpost/index.html",
    ]
    second = run.articles / "blog/this-is-my-second-post-with-a-much-longer-title.md"
    assert '<a href="this-is-my-third-post.html">Third post</a>' in _body(second)

    app = make_app("html", srcdir=run.root, freshenv=True)
    app.build()
    articles = run.articles
    # Real: the test project declares no tags, and these posts have some.
    assert warnings_of(app) == [
        f"{articles / 'blog/fourthpost/this-is-my-fourth-post.md'}:5: WARNING: tag 'second "
        "tag' is not declared in docs/tags.yml [kb.undeclared-tag]",
        f"{second}:5: WARNING: tag 'number 2' is not declared in docs/tags.yml [kb.undeclared-tag]",
        f"{articles / 'blog/this-is-my-third-post.md'}:5: WARNING: tag 'second tag' is not "
        "declared in docs/tags.yml [kb.undeclared-tag]",
        f"{articles / 'blog/this-is-my-third-post.md'}:5: WARNING: tag 'posts with two tags' "
        "is not declared in docs/tags.yml [kb.undeclared-tag]",
    ]
    outdir = Path(app.outdir)
    for source in run.redirects():
        assert (outdir / source).is_file(), source
    # The two files that were not copied, both reported at import; nothing else.
    assert broken_links(outdir) == [
        "docs/articles/blog/fourthpost/this-is-my-fourth-post.html: img ./possum.png",
        "docs/articles/blog/this-is-my-second-post-with-a-much-longer-title.html: "
        "a /blog/firstpost.md",
    ]
