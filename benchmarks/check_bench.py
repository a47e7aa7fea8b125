"""How long does ``kb check`` take on a big knowledge base?  Target: seconds for 5,000 articles.

    .venv/bin/python benchmarks/check_bench.py [--articles 5000] [--repeat 3] [--keep]
        [--output FILE]

A project is generated in a temporary folder (articles shaped like the seed article:
its front matter keys, ~600 words with headings, lists and glossary mentions; a tag
vocabulary; a glossary), and one article in a hundred gets a problem to report
(mojibake, raw HTML, an undeclared tag, a broken link, an unreadable date).  Then
``kb check PROJECT --format json`` runs in a child process, as a user would run it
(interpreter start-up and imports included), ``--repeat`` times; the median wall time
is reported, with the number of problems found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
SEED = 8  # issue 8; any fixed value keeps runs comparable
TERMS = (
    ("immune system", "The cells, tissues and organs that defend the body."),
    ("T cells", "Lymphocytes that mature in the thymus."),
    ("B cells", "Lymphocytes that make antibodies."),
    ("antibodies", "Proteins that bind a specific antigen."),
    ("antigen", "A molecule the immune system can recognise."),
    ("inflammation", "The body's alarm response to infection and injury."),
    ("cytokines", "Small proteins cells use to signal to each other."),
    ("vaccine", "A preparation that trains the immune system."),
    ("macrophages", "Large white blood cells that engulf microbes."),
    ("immunotherapy", "Treatment that uses or strengthens the immune system."),
)
TAGS = ("cancer", "immune system", "immunotherapy", "vaccines", "screening", "cells", "treatment")
WORDS = (
    "the",
    "body",
    "can",
    "often",
    "help",
    "when",
    "cells",
    "signal",
    "tissue",
    "response",
    "defence",
    "early",
    "research",
    "shows",
    "that",
    "most",
    "people",
    "recover",
    "quickly",
    "doctors",
    "may",
    "also",
    "test",
    "blood",
    "levels",
    "over",
    "several",
    "weeks",
)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(TERMS)[0])
    return " ".join(words).capitalize() + "."


def _article(rng: random.Random, number: int) -> tuple[str, str]:
    topic = rng.choice(TERMS)[0]
    title = f"{topic.capitalize()}: what article {number} explains"
    when = dt.datetime(2016, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randrange(5_000_000))
    tags = rng.sample(TAGS, 3)
    body: list[str] = []
    for section in range(4):
        body.append(f"## Part {section + 1}")
        body.append(" ".join(_sentence(rng) for _ in range(rng.randint(4, 7))))
        body.append("\n".join(f"- {_sentence(rng)}" for _ in range(3)))
    text = (
        "---\ntemplateKey: article-template\n"
        f'title: "{title}"\n'
        f"date: {when.isoformat(timespec='milliseconds').replace('+00:00', 'Z')}\n"
        f"description: >-\n  {_sentence(rng)}\n"
        "tags:\n" + "".join(f"  - {tag}\n" for tag in tags) + "author: Jane Doe\n---\n"
    )
    return f"{topic.replace(' ', '-').lower()}-{number}", text + "\n\n".join(body) + "\n"


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
    articles = docs / "articles"
    articles.mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
    vocabulary = "".join(f"{tag}:\n  label: {tag.capitalize()}\n" for tag in TAGS)
    (docs / "tags.yml").write_text(vocabulary, encoding="utf-8")
    entries = "\n\n".join(f"{term}\n  {definition}" for term, definition in TERMS)
    (docs / "glossary.md").write_text(f"# Glossary\n\n```{{glossary}}\n{entries}\n```\n")
    rng = random.Random(SEED)
    for number in range(count):
        slug, text = _article(rng, number)
        (articles / f"{slug}.md").write_text(text, encoding="utf-8")
    for index, path in enumerate(sorted(articles.glob("*.md"))):
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
