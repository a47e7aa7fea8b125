"""The generators' conventions, one at a time: old URLs, dates, shortcodes, anchors, tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sphinx_kb.importer.dates import infer_date
from sphinx_kb.importer.labels import apply_labels
from sphinx_kb.importer.oldurls import PageFacts, match_key, old_url, redirect_source
from sphinx_kb.importer.shortcode_kinds import MarkupContext
from sphinx_kb.importer.shortcodes import convert_markup
from sphinx_kb.importer.sites import SiteInfo, detect_site
from sphinx_kb.importer.sources import Source
from sphinx_kb.importer.survey import Surveyed, role_of
from sphinx_kb.importer.tables import join_tables

from .conftest import FIXTURES

D = dt.date(2014, 5, 6)


@pytest.mark.parametrize(
    "generator,rel,data,permalinks,expected",
    [
        ("jekyll", "_posts/2014-05-06-hi.md", {"categories": "a B"}, {}, "/a/b/2014/05/06/hi.html"),
        ("jekyll", "_posts/2014-05-06-hi.md", {}, {"posts": "pretty"}, "/2014/05/06/hi/"),
        ("jekyll", "_posts/2014-05-06-hi.md", {}, {"posts": "none"}, "/hi.html"),
        ("jekyll", "cat/_posts/2014-05-06-hi.md", {"slug": "yo"}, {}, "/cat/2014/05/06/yo.html"),
        ("jekyll", "about.md", {}, {}, "/about.html"),
        ("jekyll", "about.md", {"permalink": "/who/"}, {}, "/who/"),
        ("hugo", "posts/x.md", {}, {}, "/posts/x/"),
        ("hugo", "posts/x.md", {"slug": "why"}, {}, "/posts/why/"),
        ("hugo", "posts/x.md", {"url": "/elsewhere/"}, {}, "/elsewhere/"),
        ("hugo", "posts/x.md", {}, {"posts": "/:year/:month/:title/"}, "/2014/05/hello-world/"),
        ("zola", "blog/2014-05-06-hi-there.md", {}, {}, "/blog/hi-there/"),
        ("zola", "blog/x.md", {"path": "2020/03/12/Rust-1.42"}, {}, "/2020/03/12/Rust-1.42/"),
        ("eleventy", "blog/index.md", {}, {}, "/blog/"),
        ("gatsby", "blog/x.md", {"slug": "/from-slug/"}, {}, "/from-slug/"),
    ],
)
def test_old_urls(generator: str, rel: str, data: dict, permalinks: dict, expected: str) -> None:
    site = SiteInfo(generator, permalinks=permalinks)
    assert old_url(PageFacts(rel, data, "Hello, World", D), site) == expected


def test_bundles_sections_and_patterns() -> None:
    hugo = SiteInfo("hugo")
    assert old_url(PageFacts("posts/b/index.md", {}, "B", None, "bundle"), hugo) == "/posts/b/"
    assert old_url(PageFacts("docs/_index.md", {}, "Docs", None, "section"), hugo) == "/docs/"
    generic = SiteInfo("generic")
    facts = PageFacts("x.md", {}, "My Title", dt.date(2021, 3, 4))
    assert old_url(facts, generic, "/:year/:month/:day/:slug/") == "/2021/03/04/my-title/"
    assert old_url(PageFacts("x.md", {"permalink": False}, "X", None), generic) is None


def test_urls_compare_as_servers_serve_them() -> None:
    site = SiteInfo("jekyll", site_urls=["https://old.example.org"], base_path="/blog")
    for url in ("https://old.example.org/blog/x/index.html", "/blog/x", "/BLOG/X/", "/blog/x.html"):
        assert match_key(url, site) == "/blog/x"
    assert match_key("https://elsewhere.org/blog/x/", site) is None
    assert redirect_source("/blog/2020/x/", site) == "2020/x/index.html"
    assert redirect_source("/a/b.html", site) == "a/b.html"
    assert redirect_source("/Rust-1.42", site) == "Rust-1.42/index.html"
    assert redirect_source("/feed.xml", site) is None
    assert redirect_source("/", site) is None


@pytest.mark.parametrize(
    "rel,data,expected",
    [
        ("_posts/2014-05-06-a.md", {}, (D, "file name")),
        ("2014/05/06/a.md", {}, (D, "folder")),
        ("posts/2014-05-06-a/index.md", {}, (D, "folder")),
        ("2014/05/a.md", {}, (dt.date(2014, 5, 1), "folder (year and month; day 1 assumed)")),
        ("a.md", {"path": "2014/05/06/Rust-1.42"}, (D, "front matter 'path'")),
        ("a.md", {"Permalink": "/2014-05-06-x/"}, (D, "front matter 'permalink'")),
        ("2014/13/40/a.md", {}, (None, "")),
        ("v2/a.md", {"slug": "1.2.3"}, (None, "")),
    ],
)
def test_dates_where_generators_keep_them(rel: str, data: dict, expected: tuple) -> None:
    assert infer_date(rel, data) == expected


def test_roles() -> None:
    pages = {"docs/a", "docs/b", "docs/_index", "posts/x/index"}
    assert role_of("docs/_index.md", {}, pages, False) == ("section", "")
    assert role_of("posts/x/index.md", {}, pages, False) == ("bundle", "")
    assert role_of("docs/_TEMPLATE.md", {}, pages, False)[0] == "partial"
    assert role_of("layouts/partials/x.md", {}, pages, False)[0] == "partial"
    assert role_of("docs/a.md", {"draft": True}, pages, False)[0] == "draft"
    assert role_of("docs/a.md", {"draft": True}, pages, True)[0] == "page"
    assert role_of("docs/a.md", {"published": False}, pages, False)[0] == "draft"
    assert role_of("docs/a.md", {"headless": True}, pages, False)[0] == "headless"


def test_site_detection() -> None:
    jekyll = detect_site([FIXTURES / "jekyll-blog" / "_posts"])
    assert (jekyll.generator, jekyll.site_urls) == ("jekyll", ["https://blog.example.org"])
    assert jekyll.permalinks == {"posts": "/:categories/:year/:month/:day/:title/"}
    hugo = detect_site([FIXTURES / "hugo-docs" / "content" / "docs"])
    assert hugo.generator == "hugo" and hugo.variables["params.version"] == "2.1"
    assert hugo.content_root == FIXTURES / "hugo-docs" / "content"
    assert detect_site([FIXTURES / "zola-blog" / "content"]).generator == "zola"


def convert(body: str, generator: str = "hugo", **variables: str) -> tuple[str, list]:
    path = FIXTURES / "hugo-docs" / "content" / "docs" / "getting-started" / "install.md"
    page = Surveyed(Source(path, path), "install.md", "docs/getting-started/install.md")
    site = detect_site([path.parent]) if generator == "hugo" else SiteInfo(generator)
    context = MarkupContext(page, site, variables=variables, confine=FIXTURES / "hugo-docs")
    out = convert_markup(body, context)
    return out.text, out.notes


def test_shortcodes() -> None:
    text, notes = convert(
        '{{< figure src="/a.png"\n   caption="A *cap*" width="50%" >}}\n\n'
        '{{% notice tip "Be quick" %}}\nSoon.\n{{% /notice %}}\n\n'
        '{{< alert title="Careful" >}}Hot.{{< /alert >}}\n\n'
        '{{< highlight python "linenos=table" >}}\nx = 1\n{{< /highlight >}}\n'
    )
    assert text == (
        "```{figure} /a.png\n:alt: A cap\n:width: 50%\n\nA *cap*\n```\n\n"
        "```{admonition} Be quick\n:class: tip\n\nSoon.\n```\n\n"
        "```{admonition} Careful\n:class: warning\n\nHot.\n```\n\n"
        "```{code-block} python\n:linenos:\n\nx = 1\n```\n"
    )
    assert notes == []


def test_shortcodes_left_alone_or_kept() -> None:
    body = (
        "Inline {{% note %}}x{{% /note %}} stays.\n\n"
        '```\n{{</* figure src="y" */>}}\n{{< figure src="z" >}}\n```\n\n'
        '{{< readfile file="../../../../../../etc/passwd" >}}\n'
    )
    text, notes = convert(body)
    assert "Inline {{% note %}}x{{% /note %}} stays." in text  # the repair pass escapes it
    assert '```\n{{< figure src="y" >}}\n{{< figure src="z" >}}\n```' in text
    escape = "include '../../../../../../etc/passwd' is not in the source tree; kept as text"
    assert notes == [(7, escape)]


def test_liquid() -> None:
    text, notes = convert(
        "{% comment %}gone{% endcomment %}A {{ site.title }} and {{ page.nope }}.\n"
        "{% raw %}{{ literal }}{% endraw %}\n",
        "jekyll",
        **{"site.title": "Blog"},
    )
    assert text == "A Blog and `{{ page.nope }}`.\n`{{ literal }}`\n"
    missing = "{{ page.nope }} has no value (give one with --var NAME=VALUE); kept as literal text"
    assert notes == [(0, missing)]
    hugo_text, hugo_notes = convert("A {{ .Title }} here.\n")
    assert hugo_text == "A {{ .Title }} here.\n" and hugo_notes == []  # Hugo never runs it


def test_anchors_become_labels() -> None:
    text, lines, counts = apply_labels(
        '## Install {#setup}\n\nText with <a id="x"></a>an anchor.\n\n```\n## Code {#no}\n```\n'
        '[link](https://a.org){:target="_blank"}\n',
        [0, 1, 2, 3, 4, 5, 6, 7],
        {"setup": "setup", "x": "page-x"},
    )
    assert text == (
        "(setup)=\n## Install\n\n(page-x)=\nText with an anchor.\n\n```\n## Code {#no}\n```\n"
        "[link](https://a.org)\n"
    )
    assert lines[:4] == [0, 0, 1, 2] and counts["kramdown-attribute"] == 1


def test_tables_stay_one_html_block() -> None:
    text, lines, joined = join_tables(
        "<table>\n  <tr>\n\n    <td>a</td>\n  </tr>\n</table>\n\nAfter.\n", list(range(9))
    )
    assert text == "<table>\n  <tr>\n    <td>a</td>\n  </tr>\n</table>\n\nAfter.\n"
    assert lines == [0, 1, 3, 4, 5, 6, 7, 8] and joined == 1


def test_no_machine_path_in_source_keys(tmp_path: Path) -> None:
    from sphinx_kb.importer.sources import source_key

    file = tmp_path / "site" / "a.md"
    file.parent.mkdir()
    file.write_text("x")
    key = source_key(Source(file, file), tmp_path / "elsewhere", (tmp_path / "site",))
    assert key == "site/a.md"
