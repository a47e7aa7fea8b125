"""What does glossary auto-linking cost?  A full HTML build with it on, then off.

    .venv/bin/python benchmarks/glossary_bench.py [--terms 2000] [--articles 5000]
        [--words 600] [--jobs 1] [--repeat 1] [--keep] [--output FILE]

A synthetic project is generated in a temporary folder: a glossary of ``--terms``
entries (one to three made-up words each, some with a synonym) and ``--articles``
articles of about ``--words`` words from ``generate.py``, each mentioning a few dozen
of the terms, some in the plural, some in headings.  The same files are then built
from scratch (``python -m sphinx -b html``, a child process, fresh output and
doctree folders) with ``kb_glossary_autolink = "first-per-page"`` and with
``"off"``, alternating when ``--repeat`` is above 1; the medians are compared.
The target is an overhead of at most 10 %.

Two more figures say where the time goes:

* the matcher alone, over every article's text (the matching itself);
* an "explicit" build: auto-linking off, but the very links it would make written
  into the sources as ``{term}`` roles.  "on" against "explicit" is the cost of
  finding the terms; "explicit" against "off" is what Sphinx spends on that many
  more term references (resolving, writing, indexing), wherever they come from.

Wall time and the CPU time of the build process are both reported: CPU time is
less disturbed by other work on the machine.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))

import generate  # noqa: E402 - benchmarks/generate.py, the one article generator

from sphinx_kb.glossary.matcher import Matcher, term_table  # noqa: E402
from sphinx_kb.glossary.terms import parse_glossary  # noqa: E402


def _words(text: str) -> list[str]:
    return text.split()


SYLLABLES = _words(
    "ka lo mi ra tu ve so ne pa di ko ru sa te bo li na fe go zu ma ri "
    "xo ly qua bri sten dor vel mar tin cor pha neu lym cyt gen ost"
)
FILLER = _words(
    "the of and a to in is that it for as with was on are by this be from or have an "
    "which one you were all we when there can more if other about their many some "
    "these so time would them like has two could people over than first been its "
    "who now made most may part body cells help also after used system often found"
)
TAGS = [f"topic {n}" for n in range(20)]

CONF = """\
project = "Glossary benchmark"
extensions = ["sphinx_kb"]
root_doc = "docs/index"
include_patterns = ["docs/**"]
exclude_patterns = ["_build"]
source_suffix = {{".md": "markdown"}}
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "furo"
html_copy_source = False
kb_tag_vocabulary = ""
kb_undeclared_tags = "allow"
kb_glossary_autolink = {mode!r}
"""

INDEX = """\
# Glossary benchmark

```{article-list}
:limit: 10
:style: list
```

```{toctree}
:hidden:

archive/latest
archive/index
tags/index
glossary
```
"""


def make_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def make_terms(rng: random.Random, count: int) -> list[list[str]]:
    """Each entry: its term lines (the primary term, sometimes a synonym)."""
    seen: set[str] = set()
    entries: list[list[str]] = []
    while len(entries) < count:
        term = " ".join(make_word(rng) for _ in range(rng.choice((1, 1, 2, 2, 3))))
        if term in seen:
            continue
        seen.add(term)
        lines = [term.capitalize()]
        if rng.random() < 0.1:
            synonym = make_word(rng) + " " + make_word(rng)
            if synonym not in seen:
                seen.add(synonym)
                lines.append(synonym)
        entries.append(lines)
    return entries


def glossary_source(rng: random.Random, entries: list[list[str]]) -> str:
    out = ["# Glossary", "", "```{glossary}"]
    for index, lines in enumerate(entries):
        other = entries[rng.randrange(len(entries))][0]
        words = " ".join(rng.choice(FILLER) for _ in range(18))
        out += [*lines, f"  {words.capitalize()}. Related to {{term}}`{other}`.", ""]
        if index % 7 == 0:
            out += [f"  See also {{term}}`{entries[(index + 1) % len(entries)][0]}`.", ""]
    out.append("```")
    return "\n".join(out) + "\n"


def generate_project(
    root: Path, terms: int, articles: int, words: int, seed: int
) -> list[generate.GeneratedArticle]:
    """The glossary of made-up terms, and articles from ``generate.py`` mentioning them
    (in the singular and the plural: lower-cased, as the generator writes them)."""
    rng = random.Random(seed)
    entries = make_terms(rng, terms)
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
    (docs / "glossary.md").write_text(glossary_source(rng, entries), encoding="utf-8")
    names = [line.lower() for lines in entries for line in lines]
    names += [f"{name}s" for name in names[::3]]  # plurals, and near misses that must not match
    generated = generate.generate(articles, seed, words=words, names=names)
    generate.write_articles(generated, docs / "articles")
    return generated


_PROTECTED = re.compile(r"(`[^`]*`|\[[^\]]*\]\([^)]*\))")


def with_explicit_links(text: str, matcher: Matcher) -> str:
    """The article with the links auto-linking would make written as ``{term}`` roles."""
    lines = text.split("\n")
    end = lines.index("---", 1)  # after the front matter
    seen: set[str] = set()
    for number in range(end + 1, len(lines)):
        line = lines[number]
        if line.startswith("#"):
            continue
        pieces = _PROTECTED.split(line)
        for index in range(0, len(pieces), 2):  # even pieces are prose
            prose = pieces[index]
            out: list[str] = []
            position = 0
            for match in matcher.find(prose):
                if match.target.term_id in seen:
                    continue
                seen.add(match.target.term_id)
                words = prose[match.start : match.end]
                out += [
                    prose[position : match.start],
                    f"{{term}}`{words} <{match.target.reftarget}>`",
                ]
                position = match.end
            pieces[index] = "".join([*out, prose[position:]])
        lines[number] = "".join(pieces)
    return "\n".join(lines)


def build(root: Path, mode: str, jobs: int) -> tuple[float, float]:
    (root / "conf.py").write_text(CONF.format(mode=mode), encoding="utf-8")
    for folder in ("_build", "docs/tags", "docs/archive"):
        shutil.rmtree(root / folder, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-j", str(jobs)]
    command += ["-d", str(root / "_build/doctrees"), str(root), str(root / "_build/html")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"build failed ({mode}):\n{done.stderr[-4000:]}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, cpu


def time_matcher(root: Path, texts: list[str]) -> tuple[Matcher, float, float, int]:
    glossary = parse_glossary((root / "docs/glossary.md").read_text(encoding="utf-8"))
    start = time.perf_counter()
    matcher = Matcher(term_table(glossary))
    built = time.perf_counter() - start
    start = time.perf_counter()
    found = sum(len(matcher.find(text)) for text in texts)
    return matcher, built, time.perf_counter() - start, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the generated project")
    parser.add_argument("--output", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="kb-glossary-bench-"))
    explicit_root = root / "explicit"
    root = root / "plain"
    try:
        generated = generate_project(root, args.terms, args.articles, args.words, args.seed)
        texts = [article.text for article in generated]
        words = sum(len(t.split()) for t in texts) // max(1, len(texts))
        print(f"{args.terms} terms, {args.articles} articles of ~{words} words in {root}")
        matcher, automaton_s, match_s, matches = time_matcher(root, texts)
        print(f"matcher: built in {automaton_s:.2f} s; {matches} matches in {match_s:.2f} s")
        shutil.copytree(root, explicit_root)
        links = 0
        for article in generated:
            linked = with_explicit_links(article.text, matcher)
            links += linked.count("{term}`")
            path = explicit_root / "docs" / "articles" / f"{article.slug}.md"
            path.write_text(linked, encoding="utf-8")
        print(f"{links / max(1, len(texts)):.1f} links per article", flush=True)
        runs: dict[str, list[tuple[float, float]]] = {"on": [], "off": [], "explicit": []}
        for _ in range(args.repeat):
            runs["on"].append(build(root, "first-per-page", args.jobs))
            runs["off"].append(build(root, "off", args.jobs))
            runs["explicit"].append(build(explicit_root, "off", args.jobs))
            for name, values in runs.items():
                wall, cpu = values[-1]
                print(f"  {name:<8}: {wall:8.1f} s wall, {cpu:8.1f} s CPU", flush=True)
        wall = {name: median(v[0] for v in values) for name, values in runs.items()}
        cpu = {name: median(v[1] for v in values) for name, values in runs.items()}

        def percent(a: float, b: float) -> float:
            return round((a - b) / b * 100, 1)

        figures = {
            "terms": args.terms,
            "articles": args.articles,
            "words_per_article": words,
            "links_per_article": round(links / max(1, len(texts)), 1),
            "jobs": args.jobs,
            "runs": runs,
            "overhead_wall_percent": percent(wall["on"], wall["off"]),
            "overhead_cpu_percent": percent(cpu["on"], cpu["off"]),
            "on_vs_explicit_cpu_percent": percent(cpu["on"], cpu["explicit"]),
            "explicit_vs_off_cpu_percent": percent(cpu["explicit"], cpu["off"]),
            "matcher_build_s": round(automaton_s, 3),
            "matcher_find_s": round(match_s, 3),
            "matches": matches,
        }
        print(
            f"auto-linking on vs off: {figures['overhead_wall_percent']:+.1f} % wall, "
            f"{figures['overhead_cpu_percent']:+.1f} % CPU (target: at most +10 %)\n"
            f"on vs the same links written by hand: "
            f"{figures['on_vs_explicit_cpu_percent']:+.1f} % CPU; "
            f"hand-written links vs none: {figures['explicit_vs_off_cpu_percent']:+.1f} % CPU"
        )
        if args.output:
            args.output.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        return 0
    finally:
        if args.keep:
            print(f"kept {root.parent}")
        else:
            shutil.rmtree(root.parent, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
