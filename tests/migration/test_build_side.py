"""What migrated content needs from the build, and ``kb check`` agreeing with it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sphinx_kb.check import check

from .conftest import PROJECT, broken_links, warnings_of

TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e3a2f1f00000000049454e44ae426082"
)


def project(tmp_path: Path, pages: dict[str, str]) -> Path:
    root = tmp_path / "site"
    shutil.copytree(PROJECT, root)
    for name, text in pages.items():
        path = root / "docs" / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def article(title: str, body: str, date: str = "2020-01-02") -> str:
    dated = f"date: {date}\n" if date else ""
    return f"---\ntitle: {title}\n{dated}description: About {title}.\n---\n{body}"


@pytest.mark.sphinx("html")
def test_hard_breaks_and_code_languages(tmp_path: Path, make_app) -> None:
    body = (
        "One\\\ntwo.\n\n```go-html-template\n{{ .A }}\n```\n\n```go-html-template\n{{ .B }}\n```\n"
        "\n```nosuchlang\nx\n```\n\n```python\nx = 1\n```\n"
    )
    root = project(tmp_path, {"a.md": article("A", body)})
    app = make_app("html", srcdir=root, freshenv=True)
    app.build()
    page = root / "docs/articles/a.md"
    assert warnings_of(app) == [
        f"{page}:9: WARNING: code blocks in language 'go-html-template' are shown as plain text "
        "(Pygments has no lexer of that name) [kb.code-language]",
        f"{page}:17: WARNING: code blocks in language 'nosuchlang' are shown as plain text "
        "(Pygments has no lexer of that name) [kb.code-language]",
    ]
    html = (Path(app.outdir) / "docs/articles/a.html").read_text()
    assert "One<br>two." in html and "highlight-text" in html and "highlight-python" in html
    findings = {(f.code, f.message) for f in check(root).findings if f.code == "code-language"}
    assert findings == {
        (
            "code-language",
            "2 code blocks in language 'go-html-template' will be shown as plain "
            "text (Pygments has no lexer of that name)",
        ),
        (
            "code-language",
            "1 code block in language 'nosuchlang' will be shown as plain text "
            "(Pygments has no lexer of that name)",
        ),
    }


@pytest.mark.sphinx("latex")
def test_a_hard_break_is_a_latex_line_break(tmp_path: Path, make_app) -> None:
    root = project(tmp_path, {"a.md": article("A", "One\\\ntwo.\n")})
    app = make_app("latex", srcdir=root, freshenv=True)
    app.build()
    assert warnings_of(app) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    assert "One\\\\\ntwo." in tex


@pytest.mark.sphinx("html")
def test_a_missing_image_never_forces_a_re_read(tmp_path: Path, make_app) -> None:
    root = project(tmp_path, {"a.md": article("A", "![A dovetail](img/dovetail.png)\n")})
    app = make_app("html", srcdir=root, freshenv=True)
    app.build()
    page = root / "docs/articles/a.md"
    assert warnings_of(app) == [
        f"{page}:6: WARNING: image 'img/dovetail.png' does not exist; its alt text is shown "
        "instead [kb.image-missing]"
    ]
    assert "A dovetail" in (Path(app.outdir) / "docs/articles/a.html").read_text()
    again = make_app("html", srcdir=root)
    again.build()
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()
    (root / "docs/articles/img").mkdir()
    (root / "docs/articles/img/dovetail.png").write_bytes(TINY_PNG)
    added = make_app("html", srcdir=root)
    added.build()
    assert "0 added, 1 changed, 0 removed" in added.status.getvalue()
    assert '<img alt="A dovetail"' in (Path(added.outdir) / "docs/articles/a.html").read_text()


@pytest.mark.sphinx("html")
def test_undated_articles_are_split_and_sections_nest(tmp_path: Path, make_app) -> None:
    pages = {f"u{n}.md": article(f"Undated {n}", "Text.\n", date="") for n in range(5)}
    pages["guide/index.md"] = (
        "# Guide\n\n```{toctree}\n:glob:\n:titlesonly:\n:maxdepth: 1\n\n*\n```\n"
    )
    pages["guide/step.md"] = article("Step", "Do it.\n")
    root = project(tmp_path, pages)
    app = make_app("html", srcdir=root, freshenv=True)
    app.build()
    assert warnings_of(app) == []
    outdir = Path(app.outdir)
    assert broken_links(outdir) == []
    archive = outdir / "docs/archive"
    first = (archive / "undated.html").read_text()
    assert "Undated articles (page 1 of 3)" in first
    last = (archive / "undated-p3.html").read_text()
    assert "Undated articles (page 3 of 3)" in last
    listed = [page.split("kb-article-list")[1] for page in (first, last)]
    assert ">Undated 0<" in listed[0] and ">Undated 4<" not in listed[0]
    assert ">Undated 4<" in listed[1] and ">Undated 0<" not in listed[1]
    # A nested article is an article (dated, listed); its folder's index is not.
    assert ">Step<" in (archive / "2020-01.html").read_text()
    guide = (outdir / "docs/articles/guide/index.html").read_text()
    assert 'href="step.html">Step' in guide and "kb-byline" not in guide
    findings = [f for f in check(root).findings if f.level != "info"]
    assert {(f.code, f.path) for f in findings} == {
        ("date-missing", f"docs/articles/u{n}.md") for n in range(5)
    }


def test_kb_check_agrees_with_the_build_on_markup(tmp_path: Path) -> None:
    body = (
        "A footnote.[^n] A generic \\<T> and `Box<T>`.\n\n"
        '<table>\n  <tr>\n    <td colspan="2">kept</td>\n  </tr>\n</table>\n\n'
        "Inline <td>dropped</td> here.\n\n[^n]: The note.\n"
    )
    root = project(tmp_path, {"a.md": article("A", body)})
    findings = [
        (f.line, f.code, f.message) for f in check(root).findings if f.path.endswith("a.md")
    ]
    assert findings == [
        (
            14,
            "raw-html",
            "raw HTML <td> will be removed (the element is not allowed) when the page is built",
        ),
    ]


@pytest.mark.sphinx("html")
def test_redirect_entries_cannot_leave_the_site_or_replace_a_page(tmp_path: Path, make_app) -> None:
    root = project(tmp_path, {"a.md": article("A", "Text.\n")})
    (root / "docs/redirects.json").write_text(
        '{"version": 1, "redirects": {'
        '"../escape.html": {"to": "docs/articles/a"},'
        '"docs/index.html": {"to": "docs/articles/a"},'
        '"gone/index.html": {"to": "docs/articles/gone"},'
        '"old/a.html": {"to": "docs/articles/a", "anchor": "x\\"><script>"},'
        '"old/b.html": {"to": "docs/articles/a"}}}'
    )
    app = make_app("html", srcdir=root, freshenv=True)
    app.build()
    where = root / "docs/redirects.json"
    assert warnings_of(app) == [
        f"{where}:1: WARNING: redirect '../escape.html': not a file name below the site; left "
        "out [kb.redirect]",
        f"{where}:1: WARNING: redirect 'gone/index.html': its page 'docs/articles/gone' does not "
        "exist (re-import, or remove the entry) [kb.redirect]",
    ]
    outdir = Path(app.outdir)
    assert not (outdir.parent / "escape.html").exists()
    assert "Migrated KB" in (outdir / "docs/index.html").read_text()  # never replaced
    assert 'x"><script>' not in (outdir / "old/a.html").read_text()  # a bad anchor is dropped
    assert '"../docs/articles/a.html"' in (outdir / "old/b.html").read_text()
