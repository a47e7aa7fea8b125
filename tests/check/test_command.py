"""``kb check`` as a command: exit statuses, the two formats, usage errors, settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from checkhelpers import article, run_check, write

REPO = Path(__file__).resolve().parents[2]


def test_clean_project_exits_0_with_a_readable_summary(project: Path) -> None:
    run = run_check(str(project))
    assert run.status == 0
    assert "No problems: 1 article and 2 other pages checked in" in run.stdout


def test_json_report_shape(project: Path) -> None:
    write(project, "docs/articles/bare.md", "---\ntitle: Bare\n---\nBody.\n")
    run = run_check(str(project), "--format", "json")
    report = run.report
    assert report["articles"] == 2 and report["pages"] == 2
    assert report["counts"] == {"error": 0, "warning": 2, "info": 0}
    assert report["problems"][0] == {
        "path": "docs/articles/bare.md",
        "line": 1,
        "level": "warning",
        "code": "date-missing",
        "message": "no date in the front matter; the article is listed as undated",
    }


def test_fail_on_sets_the_threshold(project: Path) -> None:
    write(project, "docs/articles/bare.md", "---\ntitle: Bare\n---\nBody.\n")  # warnings
    write(project, "docs/articles/bom.md", "\ufeff" + article("With a BOM"))  # an info
    assert run_check(str(project)).status == 0
    assert run_check(str(project), "--fail-on", "error").status == 0
    assert run_check(str(project), "--fail-on", "warning").status == 1
    (project / "docs/articles/bare.md").unlink()
    assert run_check(str(project), "--fail-on", "warning").status == 0
    assert run_check(str(project), "--fail-on", "info").status == 1


def test_errors_exit_1_and_the_table_lists_them(project: Path) -> None:
    write(project, "docs/articles/broken.md", article("Broken", "See [x](nowhere.md)."))
    run = run_check(str(project))
    assert run.status == 1
    assert "docs/articles/broken.md:7" in run.stdout
    assert "link to a page that does not exist: 'nowhere.md'" in run.stdout
    assert "[link-broken]" in run.stdout
    assert "1 error: 2 articles and 2 other pages checked in" in run.stdout


def test_table_shows_content_literally_not_as_rich_markup(project: Path) -> None:
    # Titles are untrusted: rich must print "[b]" rather than turn bold.
    write(project, "docs/articles/one.md", article("'[b]X[/b]'"))
    write(project, "docs/articles/two.md", article("'[b]X[/b]'"))
    run = run_check(str(project))
    assert "title '[b]X[/b]' is also the title" in run.stdout
    assert "\x1b[" not in run.stdout


def test_usage_errors_exit_2(project: Path, tmp_path: Path) -> None:
    missing = run_check(str(tmp_path / "nowhere"))
    assert missing.status == 2 and "is not a folder" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    no_conf = run_check(str(empty))
    assert no_conf.status == 2 and "has no conf.py" in no_conf.stderr
    write(project, "conf.py", "raise RuntimeError('broken conf')\n")
    broken = run_check(str(project))
    assert broken.status == 2 and "broken conf" in broken.stderr
    assert run_check(str(project), "--format", "xml").status == 2
    assert run_check(str(project), "--fail-on", "fatal").status == 2


def test_default_path_is_the_current_folder(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_kb.cli.main", "check", "--format", "json"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"articles": 1' in done.stdout


def test_kb_settings_from_conf_py_are_used(project: Path) -> None:
    write(project, "docs/articles/odd.md", article("Odd", tags="[homeopathy]"))
    conf = project / "conf.py"
    base = conf.read_text(encoding="utf-8")
    levels = {}
    for policy in ("allow", "warn", "error"):
        conf.write_text(base.replace('"warn"', f'"{policy}"'), encoding="utf-8")
        run = run_check(str(project), "--format", "json")
        levels[policy] = [p["level"] for p in run.report["problems"]]
    assert levels == {"allow": [], "warn": ["warning"], "error": ["error"]}


def test_articles_dir_setting(project: Path) -> None:
    conf = (project / "conf.py").read_text(encoding="utf-8")
    write(project, "conf.py", conf + 'kb_articles_dir = "docs/posts"\n')
    write(project, "docs/posts/post.md", "---\ntitle: A post\n---\nBody.\n")
    run = run_check(str(project), "--format", "json")
    assert run.report["articles"] == 1
    # docs/articles/good.md is an ordinary page now: in no toctree.
    assert ("docs/articles/good.md", "unreachable", None) in run.codes()
    assert ("docs/posts/post.md", "date-missing", 1) in run.codes()


def test_the_repository_knowledge_base_has_no_errors() -> None:
    run = run_check(str(REPO), "--format", "json")
    assert run.report["articles"] >= 9
    assert run.report["counts"]["error"] == 0, run.report["problems"]
    assert run.status == 0
