"""Pathological pages: is every stage linear in the size of one page?

    .venv/bin/python benchmarks/pathological.py [--kb 16] [--scale 4] [--cases a,b]
        [--timeout 600] [--no-import] [--keep] [--output FILE]

For each case (issue 19, hole 5, and its obvious relatives) one article of about
``--kb`` KB is generated, then one of ``--scale`` times that size.  Each article is
built on its own, in a child process (``python -m sphinx -b html``, fresh output),
twice side by side: with sphinx-kb (furo, glossary auto-linking on, as a user would
run it) and with the floor, plain Sphinx + MyST (theme ``basic``, the same MyST
extensions, the same Markdown).  The same file is also imported with ``kb import``.

Start-up (imports, theme, the glossary and generated pages) is paid once per build
whatever the page: an ``empty`` case measures it, and the table shows each build's
time above that of its own empty build ("page cost").  Linear means the page cost at
``--scale`` x is about ``--scale`` times the one at 1x; quadratic, ``--scale`` squared.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import generate  # benchmarks/generate.py; the script's folder is on sys.path

HERE = Path(__file__).resolve().parent
MYST_EXTENSIONS = ["colon_fence", "deflist", "smartquotes"]
COMMON = f"""\
root_doc = "docs/index"
include_patterns = ["docs/**"]
exclude_patterns = ["_build"]
myst_enable_extensions = {MYST_EXTENSIONS!r}
html_copy_source = False
"""
KB_CONF = f"""\
project = "pathological"
extensions = ["sphinx_kb"]
html_theme = "furo"
kb_undeclared_tags = "allow"
{COMMON}"""
FLOOR_CONF = f"""\
project = "pathological"
extensions = ["myst_parser"]
html_theme = "basic"
html_sidebars = {{"**": []}}
myst_title_to_header = True
{COMMON}"""
KB_INDEX = "# Pathological\n\n```{toctree}\n:hidden:\n\narchive/index\ntags/index\nglossary\n```\n"
FLOOR_INDEX = "# Pathological\n\n```{toctree}\n:hidden:\n:glob:\n\narticles/*\n```\n"
FRONT_MATTER = """\
---
title: A pathological page
date: 2024-05-01
description: One page made to be slow.
tags:
  - immune system
author: Benchmark
---

"""
TERMS = [term for term, _ in generate.glossary_terms()]


def _repeat(unit: str, size: int, join: str = "") -> str:
    """``unit`` repeated up to ``size`` characters."""
    return join.join([unit] * max(1, size // (len(unit) + len(join))))


def _lines(words: Callable[[int], str], size: int, per_line: int = 8) -> str:
    """A paragraph of ~80-character lines, each of ``per_line`` items."""
    out: list[str] = []
    total, index = 0, 0
    while total < size:
        line = " ".join(words(index + k) for k in range(per_line))
        index += per_line
        out.append(line)
        total += len(line) + 1
    return "\n".join(out) + "\n"


def _nested_list(depth: int) -> str:
    return "".join(f"{'  ' * level}- item {level}\n" for level in range(depth)) + "\n"


def _nested_quote(depth: int) -> str:
    return "".join(f"{'> ' * (level + 1)}quote {level}\n" for level in range(depth)) + "\n"


def _table(size: int) -> str:
    head = "| name | value | note | more |\n|---|---|---|---|\n"
    row = "| cell {0} | **{0}** | `c{0}` | [x](https://example.com/{0}) |\n"
    rows, total, n = [], 0, 0
    while total < size:
        rows.append(row.format(n))
        total += len(rows[-1])
        n += 1
    return head + "".join(rows)


#: case name -> body of about ``size`` characters.
CASES: dict[str, Callable[[int], str]] = {
    "empty": lambda size: "Nothing to see.\n",
    "bold-runs": lambda size: _lines(lambda n: f"**b{n % 10}**", size),
    "italic-runs": lambda size: _lines(lambda n: f"*i{n % 10}*", size),
    "bold-one-line": lambda size: _repeat("**x** ", size) + "\n",
    "glossary-mentions": lambda size: _lines(lambda n: TERMS[n % len(TERMS)], size, 4),
    "bold-glossary": lambda size: _lines(lambda n: f"**{TERMS[n % len(TERMS)]}**", size, 4),
    "tiny-lines": lambda size: _repeat("x\n", size),
    "tiny-paragraphs": lambda size: _repeat("x\n\n", size),
    "long-line": lambda size: _repeat("word ", size) + "\n",
    "nested-lists": lambda size: _repeat(_nested_list(12), size),
    "nested-quotes": lambda size: _repeat(_nested_quote(12), size),
    "huge-table": _table,
    "links": lambda size: _lines(lambda n: f"[l{n}](https://example.com/{n})", size, 3),
    "inline-code": lambda size: _lines(lambda n: f"`c{n}`", size),
    "raw-html-inline": lambda size: _lines(lambda n: f"<span>h{n}</span>", size, 5),
    "raw-html-block": lambda size: _repeat("<div>block</div>\n\n", size),
    "tokens-one-line": lambda size: _repeat("<b>h</b> `c` ", size) + "\n",
}


def make_project(root: Path, kind: str, body: str) -> None:
    docs = root / "docs"
    (docs / "articles").mkdir(parents=True)
    (root / "conf.py").write_text(KB_CONF if kind == "kb" else FLOOR_CONF, encoding="utf-8")
    (docs / "index.md").write_text(KB_INDEX if kind == "kb" else FLOOR_INDEX, encoding="utf-8")
    if kind == "kb":
        (docs / "tags.yml").write_text(generate.vocabulary_yaml(), encoding="utf-8")
        (docs / "glossary.md").write_text(generate.glossary_md(), encoding="utf-8")
    (docs / "articles" / "page.md").write_text(FRONT_MATTER + body, encoding="utf-8")


def timed(command: list[str], timeout: float) -> float | None:
    """Wall seconds of a child process; None when it ran past ``timeout``."""
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def build(work: Path, kind: str, body: str, timeout: float) -> float | None:
    root = work / kind
    shutil.rmtree(root, ignore_errors=True)
    make_project(root, kind, body)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d"]
    command += [str(root / "_doctrees"), str(root), str(root / "_build")]
    return timed(command, timeout)


def import_page(work: Path, body: str, timeout: float) -> float | None:
    root = work / "import"
    shutil.rmtree(root, ignore_errors=True)
    (root / "src").mkdir(parents=True)
    (root / "src" / "page.md").write_text(FRONT_MATTER + body, encoding="utf-8")
    command = [sys.executable, "-m", "sphinx_kb.cli.main", "import", str(root / "src")]
    return timed([*command, "--dest", str(root / "out")], timeout)


def _fmt(seconds: float | None, base: float | None = None) -> str:
    if seconds is None:
        return "timeout" if base is None else "-"
    return f"{seconds - (base or 0):.1f}"


def _ratio(kb: float | None, floor: float | None) -> str:
    if kb is None or floor is None:
        return "-"
    return f"{kb / max(floor, 0.05):.1f}x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=float, default=16, help="size of the 1x page, in KB")
    parser.add_argument("--scale", type=int, default=4, help="size of the large page, in 1x")
    parser.add_argument("--cases", default="", help="comma-separated case names (default all)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per child process")
    parser.add_argument("--no-import", action="store_true", help="leave out kb import")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "pathological.json")
    args = parser.parse_args(argv)
    names = [n for n in args.cases.split(",") if n] or list(CASES)
    if "empty" not in names:
        names.insert(0, "empty")
    work = Path(tempfile.mkdtemp(prefix="kb-pathological-"))
    results: dict[str, dict[str, object]] = {}
    sizes = {"1x": int(args.kb * 1024), f"{args.scale}x": int(args.kb * 1024 * args.scale)}
    try:
        for name in names:
            for label, size in sizes.items():
                body = CASES[name](size if name != "empty" else 0)
                row: dict[str, object] = {"case": name, "size": label, "bytes": len(body)}
                row["floor_s"] = build(work, "floor", body, args.timeout)
                row["kb_s"] = build(work, "kb", body, args.timeout)
                if not args.no_import:
                    row["import_s"] = import_page(work, body, args.timeout)
                results[f"{name}/{label}"] = row
                print(json.dumps(row), file=sys.stderr)
                if name == "empty":
                    break  # one size is enough: it is the start-up cost
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    return 0


def table(results: dict[str, dict[str, object]]) -> str:
    """Markdown: wall seconds and page cost (above the empty page's build) per tool."""
    empty = results["empty/1x"]
    floor0, kb0 = empty["floor_s"], empty["kb_s"]
    lines = [
        f"start-up (empty page): floor {_fmt(floor0)} s, kb {_fmt(kb0)} s, "
        f"import {_fmt(empty.get('import_s'), 0)} s",
        "",
        "| case | size | KB | floor s | kb s | floor page s | kb page s | kb/floor page "
        "| import s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, row in results.items():
        if key == "empty/1x":
            continue
        floor, kb = row["floor_s"], row["kb_s"]
        floor_page = None if floor is None else max(0.0, floor - floor0)
        kb_page = None if kb is None else max(0.0, kb - kb0)
        lines.append(
            f"| {row['case']} | {row['size']} | {row['bytes'] / 1024:.0f} | {_fmt(floor)} | "
            f"{_fmt(kb)} | {_fmt(floor_page)} | {_fmt(kb_page)} | "
            f"{_ratio(kb_page, floor_page)} | {_fmt(row.get('import_s'), 0)} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
