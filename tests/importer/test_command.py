"""``kb import`` end to end: real files in, real pages out."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_kb.importer.writer import edited_by_hand

from .conftest import GATSBY, GOOD, SEED, Run, assert_no_level_jumps, page


def test_seed_article(kb: Callable[..., Run], dest: Path) -> None:
    run = kb(SEED, "--dest", dest)
    assert (run.code, run.err) == (0, "")
    written = dest / "what-is-immunotherapy-and-how-does-it-work.md"
    assert [p.name for p in dest.iterdir()] == [written.name]
    front, body = page(written)
    assert front["title"] == "What is Immunotherapy and How Does it Work?"
    assert front["date"] == "2018-10-05T07:51:48+00:00"
    assert front["description"].startswith("Our immune system is a complicated network")
    assert front["tags"] == ["cancer"]
    assert front["templateKey"] == "article-template"  # unmapped keys are kept
    assert front["source"]["path"].endswith("tests/fixtures/seed/000_a0d92a45339acd22.txt")
    assert len(front["source"]["sha256"]) == 64
    assert "â€" not in body and "immune system’s attack" in body
    assert "\n## The Basics of Immunotherapy\n" in body
    assert "Innate immunity: Is our first line" in body
    assert "\n\n\n" not in body
    assert_no_level_jumps(body)
    assert "created" in run.out and "repair: mojibake" in run.out


def test_second_import_changes_nothing(kb: Callable[..., Run], dest: Path) -> None:
    assert kb(SEED, "--dest", dest).code == 0
    written = next(dest.iterdir())
    before, mtime = written.read_bytes(), written.stat().st_mtime_ns
    run = kb(SEED, "--dest", dest)
    assert run.code == 0
    assert written.read_bytes() == before and written.stat().st_mtime_ns == mtime
    assert "unchanged" in run.out and "created" not in run.out


def test_gatsby_blog_with_cms_config(kb: Callable[..., Run], dest: Path) -> None:
    run = kb(GATSBY / "blog", "--cms-config", GATSBY / "config.yml", "--dest", dest)
    assert run.code == 0
    assert sorted(p.name for p in dest.iterdir()) == [
        "a-beginners-guide-to-brewing-with-chemex.md",
        "just-in-small-batch-of-jamaican-blue-mountain-in-store-next-week.md",
        "making-sense-of-the-scaas-new-flavor-wheel.md",
    ]
    front, body = page(dest / "a-beginners-guide-to-brewing-with-chemex.md")
    assert front["image"] == "/img/chemex.jpg"  # featuredimage: widget image
    assert front["tags"] == ["brewing", "chemex"]
    assert front["date"] == "2017-01-04T15:04:10+00:00"
    assert front["featuredpost"] is False
    assert body.startswith("![chemex](/img/chemex.jpg)\n")
    assert run.err_lines == [
        f"{GATSBY / 'blog/2016-12-17-making-sense-of-the-scaas-new-flavor-wheel.md'}:6: warning: "
        "image '/img/flavor_wheel.jpg' not imported (no --media given)",
        f"{GATSBY / 'blog/2016-12-17-making-sense-of-the-scaas-new-flavor-wheel.md'}:12: warning: "
        "image '/img/flavor_wheel.jpg' not imported (no --media given)",
        f"{GATSBY / 'blog/2017-01-04-a-beginners-guide-to-brewing-with-chemex.md'}:6: warning: "
        "image '/img/chemex.jpg' not imported (no --media given)",
        f"{GATSBY / 'blog/2017-01-04-a-beginners-guide-to-brewing-with-chemex.md'}:12: warning: "
        "image '/img/chemex.jpg' not imported (no --media given)",
    ]
    for written in dest.iterdir():
        assert_no_level_jumps(page(written)[1])


def test_cms_config_fields_drive_the_mapping(kb: Callable[..., Run], tmp_path: Path) -> None:
    repo = tmp_path / "site"
    (repo / "static" / "admin").mkdir(parents=True)
    (repo / "content" / "posts").mkdir(parents=True)
    (repo / "static" / "admin" / "config.yml").write_text(
        "collections:\n"
        "  - name: posts\n"
        "    folder: content/posts\n"
        "    fields:\n"
        "      - {name: heading, label: Title, widget: string}\n"
        "      - {name: published, widget: datetime}\n"
        "      - {name: hero, widget: image}\n"
        "      - {name: tags, widget: list}\n"
    )
    (repo / "content" / "posts" / "p.md").write_text(
        "---\ntitle: T\npublished: 2021-03-04\nhero: /img/h.png\ntags: a, b\n---\nBody.\n"
    )
    (tmp_path / "docs").mkdir()
    dest = tmp_path / "docs" / "articles"
    # No SRC: the collection folder, relative to the site holding static/admin/.
    run = kb("--cms-config", repo / "static" / "admin" / "config.yml", "--dest", dest)
    assert run.code == 0, run.err
    front, _ = page(dest / "t.md")
    assert front["date"] == "2021-03-04" and front["image"] == "/img/h.png"
    assert front["tags"] == ["a", "b"]
    assert "published" not in front and "hero" not in front


def test_cms_collection_folder_missing_is_a_usage_error(kb: Callable[..., Run], dest: Path) -> None:
    run = kb("--cms-config", GATSBY / "config.yml", "--dest", dest)
    assert run.code == 2
    assert run.err.startswith("kb import: error: no inputs: the 'blog' collection's folder ")
    assert run.err.rstrip().endswith("src/pages/blog does not exist (name SRC explicitly)")


def test_media_are_copied_and_references_rewritten(
    kb: Callable[..., Run], tmp_path: Path, dest: Path
) -> None:
    static = tmp_path / "static"
    (static / "img").mkdir(parents=True)
    (static / "img" / "chemex.jpg").write_bytes(b"\xff\xd8chemex")
    run = kb(
        GATSBY / "blog", "--cms-config", GATSBY / "config.yml", "--dest", dest, "--media", static
    )
    assert run.code == 0
    front, body = page(dest / "a-beginners-guide-to-brewing-with-chemex.md")
    assert front["image"] == "../media/img/chemex.jpg"
    assert body.startswith("![chemex](../media/img/chemex.jpg)\n")
    assert (tmp_path / "docs" / "media" / "img" / "chemex.jpg").read_bytes() == b"\xff\xd8chemex"
    wheel = GATSBY / "blog" / "2016-12-17-making-sense-of-the-scaas-new-flavor-wheel.md"
    missing = f"{wheel}:12: warning: image '/img/flavor_wheel.jpg' not found under --media {static}"
    assert missing in run.err_lines
    # public_folder /img -> media_folder static/img: --media may point at the image folder too.
    shutil.rmtree(tmp_path / "docs" / "media")
    config = GATSBY / "config.yml"
    kb(GATSBY / "blog", "--cms-config", config, "--dest", dest, "--media", static / "img")
    assert (tmp_path / "docs" / "media" / "chemex.jpg").is_file()


def test_hugo_toml_and_field_variants(kb: Callable[..., Run], dest: Path) -> None:
    run = kb(GOOD, "--dest", dest)
    assert run.code == 0
    front, body = page(dest / "hugo-page.md")
    assert front["date"] == "2025-01-29T18:15:32+05:30"
    assert front["description"] == "A Hugo summary."
    assert front["tags"] == ["go", "static sites"]
    assert front["params"] == {"series": "intro"} and front["draft"] is False
    assert body.startswith("[YouTube video](https://www.youtube.com/watch?v=w7Ft2ymGmfc)\n")
    front, body = page(dest / "kitchen-sink.md")
    assert front["date"] == "2025-01-29T18:15:32+05:30"
    assert front["description"] == "Everything at once."
    assert front["tags"] == ["one", "two", "three"]
    assert front["authors"] == ["Ada Lovelace"]
    assert front["image"] == "/img/cover.png"
    assert not body.startswith("# Kitchen Sink")
    assert_no_level_jumps(body)
    for bad in ("<script", "onclick", "onmouseover", "javascript:"):
        assert bad not in body
    shortcode = f"{GOOD / 'hugo-toml.md'}:12: warning: shortcode '{{{{% notice %}}}}' "
    assert shortcode + "kept as literal text" in run.err_lines


def test_map_option_and_unmapped_keys(kb: Callable[..., Run], tmp_path: Path, dest: Path) -> None:
    src = tmp_path / "a.md"
    src.write_text(
        "---\ntitle: A\nsummary: From summary\ndescription: Old\nblurb: B\n"
        "date: 2020-01-01\n---\nx\n"
    )
    run = kb(src, "--dest", dest, "--map", "description=blurb")
    assert run.code == 0
    front, _ = page(dest / "a.md")
    assert front["description"] == "B"
    assert front["summary"] == "From summary" and front["original_description"] == "Old"
    assert run.err_lines == [
        f"{src}:4: warning: key 'description' is not used for the description (see --map); "
        "kept as 'original_description'"
    ]


def test_pyproject_settings(
    kb: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.sphinx-kb.import]\ndest = "docs/articles"\npatterns = ["*.text"]\n'
        'map = { description = ["lede"] }\n'
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.text").write_text("---\ntitle: One\nlede: L\n---\nx\n")
    (tmp_path / "in" / "skip.md").write_text("---\ntitle: Skip\n---\nx\n")
    monkeypatch.chdir(tmp_path)
    run = kb("in")
    assert run.code == 0, run.err
    assert [p.name for p in (tmp_path / "docs" / "articles").iterdir()] == ["one.md"]
    front, _ = page(tmp_path / "docs" / "articles" / "one.md")
    assert front["description"] == "L"
    assert front["source"]["path"] == "in/one.text"  # relative to the project


def test_explicit_file_is_read_whatever_its_extension(
    kb: Callable[..., Run], tmp_path: Path, dest: Path
) -> None:
    src = tmp_path / "export.data"
    src.write_text("---\ntitle: Odd Extension\n---\nBody.\n")
    assert kb(tmp_path, "--dest", dest).code == 2  # not picked up from a folder
    assert kb(src, "--dest", dest).code == 0
    assert (dest / "odd-extension.md").is_file()


def test_slug_collisions_get_a_suffix_stable_across_runs(
    kb: Callable[..., Run], tmp_path: Path, dest: Path
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.md", "b.md"):
        (src / name).write_text(f"---\ntitle: Same Title\ndate: 2020-01-01\n---\nFrom {name}.\n")
    dest.mkdir()
    (dest / "same-title-2.md").write_text("A hand-written page, not imported.\n")
    run = kb(src, "--dest", dest)
    assert run.code == 0
    assert page(dest / "same-title.md")[1] == "From a.md.\n"
    assert page(dest / "same-title-3.md")[1] == "From b.md.\n"
    assert run.err_lines == [
        f"{src / 'b.md'}: info: slug 'same-title' is taken by another page; writing same-title-3.md"
    ]
    assert (dest / "same-title-2.md").read_text() == "A hand-written page, not imported.\n"
    # A retitled source keeps its page; the other source keeps its own.
    (src / "a.md").write_text("---\ntitle: New Title\ndate: 2020-01-01\n---\nFrom a.md.\n")
    run = kb(src, "--dest", dest)
    assert sorted(p.name for p in dest.iterdir()) == [
        "same-title-2.md",
        "same-title-3.md",
        "same-title.md",
    ]
    assert page(dest / "same-title.md")[0]["title"] == "New Title"


def test_hand_edited_page_is_kept_unless_forced(kb: Callable[..., Run], dest: Path) -> None:
    kb(SEED, "--dest", dest)
    written = next(dest.iterdir())
    assert not edited_by_hand(written.read_text())
    edited = written.read_text().replace("Immunotherapy is a treatment", "Immunotherapy is a cure")
    written.write_text(edited)
    assert edited_by_hand(edited)
    run = kb(SEED, "--dest", dest)
    assert run.code == 0
    assert written.read_text() == edited
    assert run.err_lines == [
        f"{SEED}: warning: {written} was edited by hand since it was imported; "
        "not overwritten (use --force)"
    ]
    assert "kept (edited by hand; --force overwrites)" in run.out
    run = kb(SEED, "--dest", dest, "--force")
    assert run.code == 0 and "updated" in run.out
    assert "Immunotherapy is a treatment" in written.read_text()


def test_dry_run_writes_nothing(kb: Callable[..., Run], dest: Path) -> None:
    run = kb(SEED, "--dest", dest, "--dry-run", "--diff")
    assert run.code == 0
    assert not dest.exists()
    target = dest / "what-is-immunotherapy-and-how-does-it-work.md"
    assert f"would create {target}" in run.out
    assert "+title: What is Immunotherapy and How Does it Work?" in run.out
    assert "dry run: nothing written" in run.out


def test_json_report(kb: Callable[..., Run], tmp_path: Path, dest: Path) -> None:
    report = tmp_path / "report.json"
    run = kb(SEED, GOOD / "hugo-toml.md", "--dest", dest, "--report", report)
    assert run.code == 0
    data = json.loads(report.read_text())
    assert data["summary"] == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "merged": 0,
        "kept": 0,
        "skipped": 0,
        "failed": 0,
    }
    seed = data["files"][0]
    assert seed["status"] == "created"
    assert seed["repairs"] == {
        "blank-lines": 5,
        "glossary-term": 2,
        "mojibake": 1,
        "pseudo-heading": 1,
    }
    assert seed["glossary_candidates"][0] == {
        "term": "Innate immunity",
        "definition": "Is our first line of defense.",
        "line": 15,
    }
    hugo = data["files"][1]
    assert hugo["repairs"] == {"shortcode": 3}
    assert len(hugo["warnings"]) == 3 and hugo["errors"] == []
    assert hugo["migration"]["shortcodes_converted"] == 1  # the YouTube video: a link
    assert hugo["migration"]["shortcodes_kept"] == 3


def test_usage_errors(kb: Callable[..., Run], tmp_path: Path, dest: Path) -> None:
    cases = {
        ("--dest", str(dest)): "no inputs: name SRC files or folders, or give --cms-config",
        (str(SEED), "--dest", str(tmp_path / "no" / "articles")): (
            f"--dest {tmp_path / 'no' / 'articles'}: its parent folder {tmp_path / 'no'} "
            "does not exist"
        ),
        (str(SEED), "--dest", str(dest), "--map", "description"): (
            "--map 'description': expected FIELD=KEY[,KEY...], e.g. description=summary"
        ),
        (str(SEED), "--dest", str(dest), "--map", "colour=hue"): (
            "--map 'colour=hue': unknown field 'colour' (fields: title, date, description, "
            "tags, authors, image)"
        ),
        (str(tmp_path / "missing.md"), "--dest", str(dest)): (
            f"{tmp_path / 'missing.md'}: no such file or folder"
        ),
    }
    for args, message in cases.items():
        run = kb(*args)
        assert (run.code, run.err) == (2, f"kb import: error: {message}\n"), args
    assert not dest.exists()


def test_interrupted_import_leaves_no_half_written_page(tmp_path: Path, dest: Path) -> None:
    src = tmp_path / "many"
    src.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for n in range(600):
        (src / f"{n:03d}.md").write_text(text.replace("How Does it Work?", f"part {n}"))
    process = subprocess.Popen(
        [sys.executable, "-m", "sphinx_kb.cli.main", "import", str(src), "--dest", str(dest)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(list(dest.glob("*.md"))) < 20:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    pages = list(dest.glob("*.md"))
    assert 20 <= len(pages) < 600, "the import was not interrupted mid-way"
    for written in pages:  # every page there is complete: its recorded hash matches
        assert not edited_by_hand(written.read_text(encoding="utf-8")), written
    assert not [p for p in dest.iterdir() if p.suffix != ".md"]  # no temporary files left


def test_unknown_cms_collection_is_a_usage_error(kb: Callable[..., Run], dest: Path) -> None:
    run = kb(
        GATSBY / "blog",
        "--cms-config",
        GATSBY / "config.yml",
        "--collection",
        "news",
        "--dest",
        dest,
    )
    assert run.code == 2
    assert run.err == (
        f"kb import: error: --cms-config {GATSBY / 'config.yml'}: no folder collection named "
        "'news' (folder collections: blog)\n"
    )


def test_bad_pyproject_table_is_a_usage_error(
    kb: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.sphinx-kb.import]\nmap = { colour = "hue" }\n')
    monkeypatch.chdir(tmp_path)
    run = kb(SEED, "--dest", tmp_path / "articles")
    assert run.code == 2
    assert run.err == (
        f"kb import: error: {tmp_path / 'pyproject.toml'}: [tool.sphinx-kb.import]: map.colour: "
        "unknown field (fields: title, date, description, tags, authors, image)\n"
    )


def test_mojibake_in_front_matter_text_is_fixed(
    kb: Callable[..., Run], tmp_path: Path, dest: Path
) -> None:
    src = tmp_path / "m.md"
    src.write_text("---\ntitle: The systemâ€™s guide\ndescription: Itâ€™s here\n---\nx\n")
    run = kb(src, "--dest", dest, "--report", tmp_path / "r.json")
    assert run.code == 0
    front, _ = page(dest / "the-systems-guide.md")
    assert (front["title"], front["description"]) == ("The system’s guide", "It’s here")
    assert json.loads((tmp_path / "r.json").read_text())["files"][0]["repairs"] == {"mojibake": 2}
