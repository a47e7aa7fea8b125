"""Build the same synthetic articles three ways and compare time, reads and memory.

    python benchmarks/run.py --articles 1000 [--jobs 1] [--also-jobs 2] [--skip-anchor] [--keep]

Projects, all made from the same generated article files:

* ``kb``: this knowledge base (the repository's ``conf.py`` with ``sphinx_kb`` and furo);
* ``floor``: plain Sphinx + MyST, basic theme, no sidebar: the least a build can cost;
* ``anchor``: sphinx-tags + furo with the articles in a visible toctree, as a new
  user would set it up.

Every build is a child process ``python -m sphinx -b html``; its wall time, the
documents Sphinx reports reading, and the peak RSS of its process tree (from
``wait4``) are recorded.  Results go to ``benchmarks/results/latest.json`` and a
Markdown table is printed.  See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import median
from typing import Any

import generate  # benchmarks/generate.py; the script's folder is on sys.path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results"
ADDED_LINE = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")
WRITING_LINE = re.compile(r"^writing output\.\.\. \[", re.MULTILINE)
MYST_EXTENSIONS = ["colon_fence", "deflist", "smartquotes"]

# -- projects ------------------------------------------------------------------

KB_OVERRIDES = """

# --- benchmark overrides (benchmarks/run.py) ---
# Only the extension under test: sitemap/opengraph are site extras, not sphinx_kb.
extensions = {extensions!r}
html_baseurl = "https://example.invalid/"
"""

FLOOR_CONF = f"""\
# The floor: plain Sphinx + MyST, no sidebar, nothing per page beyond the article.
project = "Benchmark floor"
extensions = ["myst_parser"]
source_suffix = {{".md": "markdown"}}
exclude_patterns = ["_build"]
myst_enable_extensions = {MYST_EXTENSIONS!r}
myst_heading_anchors = 3
myst_title_to_header = True  # front matter title -> H1, as sphinx_kb does
html_theme = "basic"
html_sidebars = {{"**": []}}
html_copy_source = False
html_show_sourcelink = False
"""

FLOOR_INDEX = """\
# Benchmark floor

```{toctree}
:hidden:
:glob:

articles/*
```
"""

ANCHOR_CONF = f"""\
# The anchor: how a new user would tag articles with sphinx-tags and furo.
project = "Benchmark anchor"
extensions = ["myst_parser", "sphinx_tags"]
source_suffix = {{".md": "markdown"}}
exclude_patterns = ["_build"]
myst_enable_extensions = {MYST_EXTENSIONS!r}
myst_heading_anchors = 3
myst_title_to_header = True
html_theme = "furo"
html_copy_source = False
html_show_sourcelink = False
tags_create_tags = True
tags_extension = ["md"]
"""

ANCHOR_INDEX = """\
# Benchmark anchor

```{toctree}
:maxdepth: 1
:glob:
:caption: Articles

articles/*
```

```{toctree}
:maxdepth: 1
:caption: Tags

_tags/tagsindex
```
"""


@dataclass(frozen=True)
class Project:
    name: str
    root: Path  # everything of this project lives here
    srcdir: Path  # the folder holding conf.py

    @property
    def outdir(self) -> Path:
        return self.root / "_build" / "html"

    @property
    def doctreedir(self) -> Path:
        return self.root / "_build" / "doctrees"


def _copy_articles(articles: Path, dest: Path, tags_directive: dict[str, str] | None) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(articles.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if tags_directive is not None:
            # The {tags} directive right after the front matter, as sphinx-tags' docs show.
            end = text.index("\n---\n", 4) + len("\n---\n")
            text = f"{text[:end]}\n```{{tags}} {tags_directive[path.stem]}\n```\n\n{text[end:]}"
        (dest / path.name).write_text(text, encoding="utf-8")


def make_kb(root: Path, source: Path, all_extensions: bool) -> Project:
    """A copy of this repository's site: its conf.py, index page, static files."""
    docs = root / "docs"
    _copy_articles(source / "articles", docs / "articles", None)
    shutil.copy(source / "tags.yml", docs / "tags.yml")
    shutil.copy(source / "glossary.md", docs / "glossary.md")
    shutil.copy(REPO / "docs" / "index.md", docs / "index.md")
    for folder in ("_static", "_templates"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
        else:
            (root / folder).mkdir()
    conf = (REPO / "conf.py").read_text(encoding="utf-8")
    if not all_extensions:
        conf += KB_OVERRIDES.format(extensions=["sphinx_kb"])
    (root / "conf.py").write_text(conf, encoding="utf-8")
    return Project("kb", root, root)


def make_floor(root: Path, source: Path) -> Project:
    _copy_articles(source / "articles", root / "articles", None)
    (root / "conf.py").write_text(FLOOR_CONF, encoding="utf-8")
    (root / "index.md").write_text(FLOOR_INDEX, encoding="utf-8")
    return Project("floor", root, root)


def make_anchor(root: Path, source: Path, tags: dict[str, str]) -> Project:
    _copy_articles(source / "articles", root / "articles", tags)
    (root / "conf.py").write_text(ANCHOR_CONF, encoding="utf-8")
    (root / "index.md").write_text(ANCHOR_INDEX, encoding="utf-8")
    return Project("anchor", root, root)


def clean_outputs(project: Project) -> None:
    """Back to a fresh checkout: no build folder, no generated tag or archive pages."""
    shutil.rmtree(project.root / "_build", ignore_errors=True)
    for generated in ("docs/tags", "docs/archive"):
        shutil.rmtree(project.srcdir / generated, ignore_errors=True)


# -- measuring a build ---------------------------------------------------------


@dataclass
class Build:
    project: str
    phase: str  # full, noop, edit
    jobs: int
    wall_s: float
    #: added + changed from Sphinx's "N added, N changed, N removed" line.
    docs_read: int | None
    #: "writing output..." lines (one per page only when jobs == 1).
    docs_written: int | None
    #: Peak RSS of the largest process in the build's tree (kernel high-water mark).
    peak_rss_mb: float
    #: Sampled peak of the summed RSS of all processes in the tree (jobs > 1 only);
    #: forked workers share pages, so this over-counts.
    tree_rss_sum_mb: float | None
    warnings: int
    returncode: int
    load_before: float
    #: User + system CPU time of the build's process tree (less disturbed than wall
    #: time by other work on a shared machine).
    cpu_s: float
    log: str


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


def _tree_rss_bytes(pid: int) -> int:
    total = 0
    stack = [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * page
        except OSError:
            continue
        stack += _children(current)
    return total


class TreeSampler(threading.Thread):
    """Polls the summed RSS of a process tree (for parallel builds, whose workers
    the kernel's per-process high-water mark does not add up)."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            self.peak = max(self.peak, _tree_rss_bytes(self.pid))


def run_build(
    project: Project,
    phase: str,
    jobs: int,
    logs: Path,
    env: dict[str, str],
    profile: Path | None = None,
    index: int = 0,
) -> Build:
    # No -q: it would hide the "N added, N changed, N removed" line that says what
    # was read.  Logs go to files, so the cost is one line per document.
    cmd = [sys.executable]
    if profile is not None:
        cmd += ["-m", "cProfile", "-o", str(profile)]
    cmd += ["-m", "sphinx", "-b", "html", "-d", str(project.doctreedir), "-j", str(jobs)]
    cmd += [str(project.srcdir), str(project.outdir)]
    logs.mkdir(parents=True, exist_ok=True)
    stem = f"{project.name}-{phase}-j{jobs}" + (f"-{index}" if index else "")
    out_path, err_path = logs / f"{stem}.out", logs / f"{stem}.err"
    load = os.getloadavg()[0]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=project.root)
        sampler = TreeSampler(proc.pid) if jobs > 1 else None
        if sampler is not None:
            sampler.start()
        # wait4 gives this child's own rusage: ru_maxrss is the largest RSS of any
        # process in its tree (Linux folds reaped grandchildren in), in KiB.
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler is not None:
            sampler.done.set()
            sampler.join()
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    match = ADDED_LINE.search(stdout)
    build = Build(
        project=project.name,
        phase=phase,
        jobs=jobs,
        wall_s=round(wall, 3),
        docs_read=int(match[1]) + int(match[2]) if match else None,
        docs_written=len(WRITING_LINE.findall(stdout)) if jobs == 1 else None,
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1),
        tree_rss_sum_mb=round(sampler.peak / 2**20, 1) if sampler else None,
        warnings=len(re.findall(r"\b(?:WARNING|ERROR|CRITICAL):", stderr)),
        returncode=proc.returncode,
        load_before=round(load, 2),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
        log=str(out_path),
    )
    _progress(
        f"  {project.name:<6} {phase:<5} -j{jobs}: {build.wall_s:8.2f} s, "
        f"read {build.docs_read}, written {build.docs_written}, "
        f"{build.peak_rss_mb:.0f} MB, {build.warnings} warnings (load {load:.2f})"
    )
    if proc.returncode != 0:
        tail = "\n".join(stderr.splitlines()[-20:])
        raise SystemExit(f"{stem} failed ({proc.returncode}); see {err_path}\n{tail}")
    return build


def snapshot_code(work: Path) -> dict[str, str]:
    """Copy ``src/sphinx_kb`` and return an environment that imports the copy.

    Other people edit ``src/`` while a run takes minutes; without a snapshot a
    rebuild could meet different code (or config defaults) than the build before
    it, and Sphinx would rightly re-read everything.
    """
    code = work / "code"
    shutil.copytree(
        REPO / "src" / "sphinx_kb",
        code / "sphinx_kb",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    # Compiled as pip compiles an installed package: otherwise, where bytecode is not
    # written (PYTHONDONTWRITEBYTECODE), every build would compile sphinx_kb from
    # source (~50 ms, 5 % of a no-op), while Sphinx and the floor's modules are
    # compiled.
    compileall.compile_dir(code, quiet=1)
    # PYTHONPATH comes before the editable install's .pth entry on sys.path.
    path = os.pathsep.join(p for p in (str(code), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    found = subprocess.run(
        [sys.executable, "-c", "import sphinx_kb; print(sphinx_kb.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(found).is_relative_to(code):
        raise SystemExit(f"the snapshot is not imported first: sphinx_kb from {found}")
    return env


def startup_seconds(env: dict[str, str]) -> float:
    """Interpreter start + importing Sphinx and the extensions: the fixed cost in
    every build, which bounds how fast a no-op rebuild can be."""
    code = "import sphinx.cmd.build, sphinx_kb.extension, furo, myst_parser"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return round(time.perf_counter() - start, 3)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


# -- report --------------------------------------------------------------------


def summarize(
    args: argparse.Namespace, builds: list[Build], extra: dict[str, Any]
) -> dict[str, Any]:
    def pick(project: str, phase: str, jobs: int) -> list[Build]:
        return [b for b in builds if (b.project, b.phase, b.jobs) == (project, phase, jobs)]

    def wall(project: str, phase: str, jobs: int, attr: str = "wall_s") -> float | None:
        found = pick(project, phase, jobs)
        return round(median(getattr(b, attr) for b in found), 3) if found else None

    def reads(project: str, phase: str, jobs: int) -> int | None:
        found = [b.docs_read for b in pick(project, phase, jobs) if b.docs_read is not None]
        return max(found) if found else None  # the worst repetition

    def peak(project: str, phase: str, jobs: int) -> float | None:
        return max((b.peak_rss_mb for b in pick(project, phase, jobs)), default=None)

    def ratio(a: float | None, b: float | None, digits: int = 2) -> float | None:
        return round(a / b, digits) if a and b else None

    j, n = args.jobs, args.articles
    kb_full, floor_full = wall("kb", "full", j), wall("floor", "full", j)
    anchor_full, kb_noop = wall("anchor", "full", j), wall("kb", "noop", j)
    kb_rss = max((b.peak_rss_mb for b in builds if b.project == "kb" and b.jobs == j), default=0)
    floor_rss = peak("floor", "full", j) or 0
    result: dict[str, Any] = {
        "articles": n,
        "jobs": j,
        "kb_full_s": kb_full,
        "floor_full_s": floor_full,
        "anchor_full_s": anchor_full,
        "kb_noop_s": kb_noop,
        "kb_noop_docs_read": reads("kb", "noop", j),
        "kb_edit_s": wall("kb", "edit", j),
        "kb_edit_docs_read": reads("kb", "edit", j),
        "kb_peak_rss_mb": kb_rss,
        "floor_peak_rss_mb": floor_rss,
        "anchor_peak_rss_mb": peak("anchor", "full", j),
        "kb_ratio_to_floor": ratio(kb_full, floor_full),
        "kb_full_cpu_s": wall("kb", "full", j, "cpu_s"),
        "floor_full_cpu_s": wall("floor", "full", j, "cpu_s"),
        "kb_cpu_ratio_to_floor": ratio(
            wall("kb", "full", j, "cpu_s"), wall("floor", "full", j, "cpu_s")
        ),
        "full_builds_each": len(pick("kb", "full", j)),
        "anchor_ratio_to_floor": ratio(anchor_full, floor_full),
        "kb_rss_ratio_to_floor": ratio(kb_rss, floor_rss),
        "kb_full_ms_per_article": round(1000 * kb_full / n, 2) if kb_full else None,
        "floor_full_ms_per_article": round(1000 * floor_full / n, 2) if floor_full else None,
        "kb_noop_pct_of_full": round(100 * kb_noop / kb_full, 1) if kb_noop and kb_full else None,
        "floor_noop_s": wall("floor", "noop", j),
        "floor_noop_docs_read": reads("floor", "noop", j),
        "floor_edit_s": wall("floor", "edit", j),
        "floor_edit_docs_read": reads("floor", "edit", j),
        "kb_edit_ratio_to_floor_edit": ratio(wall("kb", "edit", j), wall("floor", "edit", j)),
        "kb_noop_docs_written": max(
            (b.docs_written or 0 for b in pick("kb", "noop", j)), default=None
        ),
        "kb_edit_docs_written": max(
            (b.docs_written or 0 for b in pick("kb", "edit", j)), default=None
        ),
    }
    if args.also_jobs:
        aj = args.also_jobs
        kb_par = wall("kb", "full", aj)
        result[f"kb_j{aj}_full_s"] = kb_par
        result[f"kb_j{aj}_speedup"] = ratio(kb_full, kb_par)
        par = pick("kb", "full", aj)
        result[f"kb_j{aj}_peak_rss_mb"] = kb_rss_par = peak("kb", "full", aj)
        result[f"kb_j{aj}_tree_rss_sum_mb"] = max(
            (b.tree_rss_sum_mb or 0 for b in par), default=None
        )
        result[f"floor_j{aj}_peak_rss_mb"] = floor_rss_par = peak("floor", "full", aj)
        result[f"kb_j{aj}_rss_ratio_to_floor"] = ratio(kb_rss_par, floor_rss_par)
        floor_par = wall("floor", "full", aj)
        result[f"floor_j{aj}_full_s"] = floor_par
        # How much -j J can give on this machine right now, for comparison.
        result[f"floor_j{aj}_speedup"] = ratio(floor_full, floor_par)
    result.update(extra)
    result["builds"] = [asdict(b) for b in builds]
    return result


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown_table(result: dict[str, Any], builds: list[Build]) -> str:
    n = result["articles"]
    lines = [
        f"Articles: {n}; jobs: {result['jobs']}; {result['cpu_count']} CPUs; "
        f"load average before: {result['load_avg_start']:.2f}; "
        f"Python + Sphinx startup: {result['startup_s']:.2f} s",
        "",
        "| project | build | -j | wall s | CPU s | ms/article | docs read | docs written "
        "| peak RSS MB | warnings |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for b in builds:
        per_article = 1000 * b.wall_s / n if b.phase == "full" else None
        lines.append(
            f"| {b.project} | {b.phase} | {b.jobs} | {b.wall_s:.2f} | {b.cpu_s:.2f} "
            f"| {_fmt(per_article, 1)} "
            f"| {_fmt(b.docs_read)} | {_fmt(b.docs_written)} | {b.peak_rss_mb:.0f} "
            f"| {b.warnings} |"
        )
    lines += ["", "| ratio | value |", "|---|---:|"]
    keys = [
        ("kb full / floor full (median wall)", "kb_ratio_to_floor"),
        ("kb full / floor full (median CPU)", "kb_cpu_ratio_to_floor"),
        ("anchor full / floor full", "anchor_ratio_to_floor"),
        ("kb no-op, % of kb full", "kb_noop_pct_of_full"),
        ("kb edit / floor edit", "kb_edit_ratio_to_floor_edit"),
        ("kb peak RSS / floor peak RSS", "kb_rss_ratio_to_floor"),
    ]
    for key in result:
        match = re.fullmatch(r"(kb|floor)_j(\d+)_(speedup|tree_rss_sum_mb|rss_ratio_to_floor)", key)
        if match:
            what = {
                "speedup": "speedup",
                "tree_rss_sum_mb": "summed tree RSS MB (upper bound)",
                "rss_ratio_to_floor": "peak RSS / floor's -j peak RSS",
            }[match[3]]
            keys.append((f"{match[1]} full -j{match[2]}: {what}", key))
    for label, key in keys:
        lines.append(f"| {label} | {_fmt(result.get(key))} |")
    return "\n".join(lines)


# -- main ----------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--jobs", type=int, default=1, help="sphinx -j for every build")
    parser.add_argument(
        "--also-jobs", type=int, default=0, help="also time a full kb build with -j this value"
    )
    parser.add_argument("--skip-anchor", action="store_true", help="the anchor is slow at scale")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--repeat", type=int, default=3, help="no-op and edit rebuilds each")
    parser.add_argument(
        "--full-repeat", type=int, default=1, help="full builds of floor and kb, alternating"
    )
    parser.add_argument("--seed", type=int, default=generate.SEED)
    parser.add_argument("--terms", type=int, default=40, help="glossary terms")
    parser.add_argument("--work", type=Path, help="work folder (default benchmarks/work/N)")
    parser.add_argument(
        "--profile", action="store_true", help="run kb builds under cProfile (slower)"
    )
    parser.add_argument(
        "--all-extensions", action="store_true", help="kb: keep every extension of conf.py"
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    args = parser.parse_args(argv)

    work = (args.work or HERE / "work" / str(args.articles)).resolve()
    if work.exists():
        shutil.rmtree(work)
    source = work / "source"
    articles = generate.generate(args.articles, args.seed, args.terms)
    generate.write_articles(articles, source / "articles")
    (source / "tags.yml").write_text(generate.vocabulary_yaml(), encoding="utf-8")
    (source / "glossary.md").write_text(generate.glossary_md(args.terms), encoding="utf-8")
    tags = {a.slug: ", ".join(a.tags) for a in articles}
    logs = work / "logs"
    env = snapshot_code(work)
    _progress(f"{args.articles} articles generated in {source}")

    def prof(name: str) -> Path | None:
        return work / f"{name}.prof" if args.profile else None

    extra: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "load_avg_start": os.getloadavg()[0],
        "python": platform.python_version(),
        "sphinx": _version("sphinx"),
        "git_head": _git("rev-parse", "--short", "HEAD"),
        "src_dirty": bool(_git("status", "--porcelain", "--", "src")),
        "profiled": args.profile,
        "startup_s": startup_seconds(env),
        "repeat": args.repeat,
        "full_repeat": args.full_repeat,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    # Every project is made now, so all of them copy conf.py and index.md as they
    # are at the start of the run (like the code snapshot).
    floor = make_floor(work / "floor", source)
    kb = make_kb(work / "kb", source, args.all_extensions)
    kb_par = floor_par = None
    if args.also_jobs:
        # Fresh copies: a parallel full build must not start from the -j 1 build's output.
        kb_par = make_kb(work / f"kb-j{args.also_jobs}", source, args.all_extensions)
        floor_par = make_floor(work / f"floor-j{args.also_jobs}", source)
    anchor = None if args.skip_anchor else make_anchor(work / "anchor", source, tags)

    builds: list[Build] = []
    # The same article (the middle one by file name) is edited in floor and kb.
    edited = f"{sorted(tags)[len(tags) // 2]}.md"
    extra["edited_article"] = edited

    def incremental(project: Project, article: Path) -> None:
        for i in range(args.repeat):
            profile = prof(f"{project.name}-noop-{i}") if project is kb else None
            builds.append(run_build(project, "noop", args.jobs, logs, env, profile, i + 1))
        for i in range(args.repeat):
            with article.open("a", encoding="utf-8") as handle:
                handle.write(f"\nThe benchmark appended sentence number {i + 1} to this article.\n")
            profile = prof(f"{project.name}-edit-{i}") if project is kb else None
            builds.append(run_build(project, "edit", args.jobs, logs, env, profile, i + 1))

    # Full builds alternate floor and kb, so a slow spell of a shared machine
    # falls on both; the medians are reported.  Each starts from no output.
    # With --also-jobs, each round also builds both with -j J, right after -j 1.
    for i in range(args.full_repeat):
        if i:
            for project in (floor, kb, floor_par, kb_par):
                if project is not None:
                    clean_outputs(project)
        builds.append(run_build(floor, "full", args.jobs, logs, env, None, i))
        builds.append(run_build(kb, "full", args.jobs, logs, env, prof(f"kb-full-{i}"), i))
        if kb_par is not None and floor_par is not None:
            builds.append(run_build(floor_par, "full", args.also_jobs, logs, env, None, i))
            builds.append(run_build(kb_par, "full", args.also_jobs, logs, env, None, i))
    # Plain Sphinx's own incremental cost (loading and saving the pickled
    # environment, indices) is the baseline for kb's.
    incremental(floor, floor.srcdir / "articles" / edited)
    incremental(kb, kb.srcdir / "docs" / "articles" / edited)
    if anchor is not None:
        builds.append(run_build(anchor, "full", args.jobs, logs, env))

    extra["load_avg_end"] = os.getloadavg()[0]
    extra["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    result = summarize(args, builds, extra)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2) + "\n"
    args.output.write_text(text, encoding="utf-8")
    # One file per size too (git-ignored), so runs at several sizes can be compared.
    suffix = f"-j{args.also_jobs}" if args.also_jobs else ""
    (args.output.parent / f"articles-{args.articles}{suffix}.json").write_text(text, "utf-8")
    table = markdown_table(result, builds)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(table))
    else:
        print(table)  # raw Markdown, ready to paste into a report
    if not args.keep:
        shutil.rmtree(work)
    return 0


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return ""


if __name__ == "__main__":
    raise SystemExit(main())
