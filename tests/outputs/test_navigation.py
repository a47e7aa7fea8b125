"""The sidebar with a theme other than furo: the same small tree, as a plain Sphinx
toctree (no furo checkboxes), so the theme renders it as its own."""

from __future__ import annotations

from pathlib import Path

from kbtest import ROOTS, build_project, copy_project, page


def test_another_theme_gets_a_plain_toctree(tmp_path: Path) -> None:
    src = copy_project(ROOTS / "test-site", tmp_path / "src")
    app, _status, warnings = build_project(src, tmp_path / "out", html_theme="alabaster")
    assert app.statuscode == 0, warnings
    article = next(d for d in sorted(app.env.found_docs) if d.startswith("docs/articles/"))
    html = page(app, article)
    nav = html.find("nav", attrs={"aria-labelledby": "kb-nav-caption"})
    assert nav is not None
    assert nav.find("input") is None  # no furo checkboxes
    current = nav.find_all("li", class_="current")
    assert current[0].a.get_text() == "Archive"
    assert "has-children" not in str(nav) and "current-page" not in str(nav)
    titles = [a.get_text() for a in nav.find_all("a")]
    assert app.env.titles[article].astext() in titles
