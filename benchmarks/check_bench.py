"""How long does ``kb check`` take on a big knowledge base?  Target: seconds for 5,000 articles.

    .venv/bin/python benchmarks/check_bench.py [--articles 5000] [--repeat 3] [--keep]
        [--output FILE]

A project is generated in a temporary folder with ``generate.py`` (articles shaped like
the seed article, its tag vocabulary and glossary), and one article in a hundred gets a
problem to report
(mojibake, raw HTML, an undeclared tag, a broken link, an unreadable date).  Then
``kb check PROJECT --format json`` runs in a child process, as a user would run it
(interpreter start-up and imports included), ``--repeat`` times; the median wall time
is reported, with the number of problems found.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import generate  # benchmarks/generate.py; the script's folder is on sys.path

HERE = Path(__file__).resolve().parent
CONF = """\
project = "kb check benchmark"
extensions = ["sphinx_kb"]
root_doc = "docs/index"
include_patterns = ["docs/**"]
exclude_patterns = ["_build"]
html_theme = "furo"
myst_enable_extensions = ["colon_fence"]
kb_undeclared_tags = "warn"
"""
INDEX = """\
# Benchmark

```{article-list}
:limit: 10
```

```{toctree}
:hidden:

archive/index
tags/index
glossary
```
"""
#: (what is appended to the body, the front matter line replaced) for every 100th article.
DEFECTS = (
    ("\nThe immune systemâ€™s reply.\n", None),
    ('\n<img src="x.png" onerror="alert(1)">\n', None),
    ("\nSee [a page that is not there](missing-page.md).\n", None),
    ("", ("tags:", "tags:\n  - not-a-declared-tag")),
    ("", ("date:", "date: sometime soon\nold_date:")),
)


def make_project(root: Path, count: int) -> None:
    docs = root / "docs"
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    generate.write_articles(generate.generate(count), docs / "articles")
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
    (docs / "tags.yml").write_text(generate.vocabulary_yaml(), encoding="utf-8")
    (docs / "glossary.md").write_text(generate.glossary_md(), encoding="utf-8")
    for index, path in enumerate(sorted((docs / "articles").glob("*.md"))):
        if index % 100:
            continue
        appended, replacement = DEFECTS[(index // 100) % len(DEFECTS)]
        text = path.read_text(encoding="utf-8") + appended
        if replacement:
            text = text.replace(replacement[0], replacement[1], 1)
        path.write_text(text, encoding="utf-8")


def time_check(root: Path) -> tuple[float, dict[str, object]]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_kb.cli.main", "check", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"kb check failed ({done.returncode}):\n{done.stderr}")
    return elapsed, json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated project")
    parser.add_argument(
        "--output", type=Path, default=HERE / "results" / "check.json", help="JSON results"
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kb-check-bench-"))
    try:
        started = time.perf_counter()
        make_project(work, args.articles)
        generated = time.perf_counter() - started
        print(f"generated {args.articles} articles in {generated:.1f} s ({work})", file=sys.stderr)
        times = []
        report: dict[str, object] = {}
        for run in range(args.repeat):
            elapsed, report = time_check(work)
            times.append(elapsed)
            print(f"run {run + 1}: kb check took {elapsed:.2f} s", file=sys.stderr)
        result = {
            "articles": report["articles"],
            "pages": report["pages"],
            "problems": report["counts"],
            "seconds": [round(t, 3) for t in times],
            "median_seconds": round(median(times), 3),
            "python": sys.version.split()[0],
        }
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(result, indent=2))
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
