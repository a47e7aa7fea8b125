"""Markup forms met on real sites, each imported and built: alerts, code shortcodes,
{% post_url %} in a link reference definition, e-mail autolinks, {% raw %} in code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx_kb.articles.frontmatter import split_front_matter

from .conftest import Migrated, build_cleanly


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _body(path: Path) -> str:
    return split_front_matter(path.read_text(encoding="utf-8")).body


def test_jekyll_forms(migrate: Callable[..., Migrated], tmp_path: Path, make_app) -> None:
    site = tmp_path / "jekyll"
    _write(site / "_config.yml", "url: https://old.example.org\n")
    _write(
        site / "_posts/2020-01-02-one.md",
        "---\ntitle: One\n---\nMail <someone@example.org>.\n\n> [!NOTE]\n> Useful.\n\n"
        "See [two][t].\n\n[t]: {% post_url 2020-01-03-two %}\n\n"
        "```liquid\n{% raw %}{{ page.title }}{% endraw %}\n```\n\n```txt\nplain\n```\n",
    )
    _write(site / "_posts/2020-01-03-two.md", "---\ntitle: Two\n---\nBack.\n")
    run = migrate(site / "_posts", "--dest", tmp_path / "site/docs/articles")
    assert run.code == 0
    assert run.err == ""  # the e-mail address is no link to an old page
    assert run.report["migration"]["links_rewritten"] == 1
    one = _body(run.articles / "one.md")
    assert "```{note}\nUseful.\n```" in one
    assert "[t]: two.md" in one
    assert "```liquid\n{{ page.title }}\n```" in one
    build_cleanly(make_app, run.root)  # no warning: ```txt is plain text


def test_hugo_code_shortcodes(migrate: Callable[..., Migrated], tmp_path: Path, make_app) -> None:
    site = tmp_path / "hugo"
    _write(site / "hugo.toml", 'baseURL = "https://old.example.org/"\n')
    _write(
        site / "content/docs/p.md",
        "---\ntitle: P\ndate: 2023-01-01\n---\n"
        '{{< code-toggle file="hugo" copy=false >}}\n[params]\ntoc = true\n{{< /code-toggle >}}\n\n'
        '{{< code file="layouts/_default/single.html" >}}\n{{ .Content }}\n{{< /code >}}\n\n'
        "> [!note] Heads up\n> Hugo's alert syntax.\n",
    )
    run = migrate(site / "content", "--dest", tmp_path / "site/docs/articles")
    assert run.code == 0, run.err
    page = _body(run.articles / "docs/p.md")
    assert "```toml\n[params]\ntoc = true\n```" in page
    assert (
        "```{code-block} html\n:caption: layouts/_default/single.html\n\n{{ .Content }}\n```"
        in page
    )
    assert "```{admonition} Heads up\n:class: note\nHugo's alert syntax.\n```" in page
    assert run.report["migration"]["shortcodes_converted"] == 2
    build_cleanly(make_app, run.root)
