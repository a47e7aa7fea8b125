"""Search at 1,000 to 10,000 articles: sphinx-kb's search beside Sphinx's own.

    python benchmarks/search_bench.py --articles 1000 2000 10000 [--throttle 4] [--keep]

For each size, the generated articles (``generate.py``) are built once as the kb
project of ``run.py``, with Sphinx's own indexer switched back on for that one
build (``KB_BENCH_SPHINX_SEARCH``): the same pages then carry both searches, and
furo's own search page (``sphinx-search.html``, searchtools.js + searchindex.js)
sits beside sphinx-kb's (``search.html``).  Each query is opened in headless
Chromium with the CPU throttled (``Emulation.setCPUThrottlingRate``), served with
gzip as static hosts serve it; bytes come from ``Network.loadingFinished``.  Then
a no-op rebuild and a one-article edit, with sphinx-kb's search alone, show what
keeping sphinx-kb's index costs.  Results go to ``benchmarks/results/search-*.json``
and a Markdown table is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import generate
import run
import search_probe

SPHINX_SEARCH = """

# --- search benchmark (benchmarks/search_bench.py) ---
# furo's own search page as sphinx-search.html; with KB_BENCH_SPHINX_SEARCH set, Sphinx's
# own indexer runs too (timed), for the side-by-side numbers.  The variable changes no
# setting, so the rebuilds after it are true no-op and one-edit builds.
import os as _os
import time as _time

html_additional_pages = {"sphinx-search": "!search.html"}

if _os.environ.get("KB_BENCH_SPHINX_SEARCH"):

    def setup(app):
        from sphinx.search import IndexBuilder

        spent = [0.0]

        def timed(function):
            def wrapper(*args, **kwargs):
                start = _time.perf_counter()
                try:
                    return function(*args, **kwargs)
                finally:
                    spent[0] += _time.perf_counter() - start
            return wrapper

        IndexBuilder.feed = timed(IndexBuilder.feed)
        IndexBuilder.dump = timed(IndexBuilder.dump)

        def enable(app):
            app.builder.search = True

        def report(app, exception):
            print(f"bench: sphinx search index {spent[0]:.2f} s", flush=True)

        app.connect("builder-inited", enable, priority=900)
        app.connect("build-finished", report)
"""

KB_LINE = re.compile(r"search index: (\d+) pages and (\d+) glossary terms indexed in ([\d.]+) s")
SPHINX_LINE = re.compile(r"bench: sphinx search index ([\d.]+) s")


def queries(articles: list[generate.GeneratedArticle]) -> dict[str, str]:
    """An article's exact title, a glossary term, a word on nearly every page."""
    unique = [a for a in articles if "(" not in a.title]
    title = unique[len(unique) // 2].title if unique else articles[0].title
    return {"title": title, "term": "macrophages", "common": "immune"}


def generated_kb(work: Path, count: int) -> tuple[run.Project, list[generate.GeneratedArticle]]:
    """``count`` generated articles as the kb project of ``run.py`` (the browser tests'
    knowledge base too)."""
    articles = generate.generate(count)
    source = work / "source"
    generate.write_articles(articles, source / "articles")
    (source / "tags.yml").write_text(generate.vocabulary_yaml(), encoding="utf-8")
    (source / "glossary.md").write_text(generate.glossary_md(), encoding="utf-8")
    return run.make_kb(work / "kb", source, all_extensions=False), articles


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def measure_site(
    outdir: Path, asked: dict[str, str], throttle: float, repeat: int = 3, sphinx: bool = True
) -> dict[str, Any]:
    """Each query ``repeat`` times in a fresh context; the run with the median time from
    the load event to the first result is kept (throttled timings vary run to run)."""
    from playwright.sync_api import sync_playwright

    found: dict[str, Any] = {}
    with sync_playwright() as playwright, search_probe.serve(outdir) as base:
        browser = search_probe.launch(playwright)
        try:
            for name, query in asked.items():
                engines = [("kb", "search.html"), ("sphinx", "sphinx-search.html")]
                for engine, page in engines if sphinx else engines[:1]:
                    load = os.getloadavg()[0]
                    runs = sorted(
                        (
                            search_probe.measure(
                                browser, base, query, throttle=throttle, page_path=page
                            )
                            for _ in range(repeat)
                        ),
                        key=lambda m: m.after_load_ms,
                    )
                    m = runs[len(runs) // 2]
                    top = m.results[0].title if m.results else ""
                    found[f"{engine}_{name}"] = {
                        "query": query,
                        "bytes": m.bytes,
                        "bytes_to_first": m.bytes_to_first,
                        "load_ms": round(m.load_ms),
                        "first_result_ms": round(m.first_result_ms),
                        "after_load_ms": round(m.after_load_ms),
                        "after_load_ms_runs": [round(r.after_load_ms) for r in runs],
                        "top_result": top,
                        "status": m.status,
                        "load_avg": round(load, 2),
                    }
                    run._progress(
                        f"  {engine:<6} {name:<6} {m.bytes / 1024:8.0f} KB "
                        f"first result {m.first_result_ms:6.0f} ms "
                        f"({m.after_load_ms:5.0f} after load; runs "
                        f"{found[f'{engine}_{name}']['after_load_ms_runs']})  top: {top[:50]!r}"
                    )
        finally:
            browser.close()
    return found


def bench(count: int, throttle: float, keep: bool, repeat: int = 3) -> dict[str, Any]:
    work = run.HERE / "work" / f"search-{count}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = run.snapshot_code(work)
    kb, articles = generated_kb(work, count)
    with (kb.srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(SPHINX_SEARCH)
    logs = work / "logs"
    run._progress(f"{count} articles: full build with both indexers")
    full = run.run_build(kb, "full", 1, logs, {**env, "KB_BENCH_SPHINX_SEARCH": "1"})
    text = Path(full.log).read_text(encoding="utf-8")
    ours, sphinx = KB_LINE.search(text), SPHINX_LINE.search(text)
    bundle_files, bundle_bytes = folder_size(kb.outdir / "_kbsearch")
    index_js = kb.outdir / "searchindex.js"
    result: dict[str, Any] = {
        "articles": count,
        "throttle": throttle,
        "full_build_s": full.wall_s,
        "full_build_cpu_s": full.cpu_s,
        "kb_pages": int(ours[1]) if ours else None,
        "kb_terms": int(ours[2]) if ours else None,
        "kb_index_s": float(ours[3]) if ours else None,
        "sphinx_index_s": float(sphinx[1]) if sphinx else None,
        "kb_bundle_files": bundle_files,
        "kb_bundle_bytes": bundle_bytes,
        "searchindex_js_bytes": index_js.stat().st_size if index_js.exists() else None,
    }
    run._progress(f"{count} articles: searching in Chromium, CPU throttled {throttle}x")
    result["searches"] = measure_site(kb.outdir, queries(articles), throttle, repeat)
    run._progress(f"{count} articles: no-op and one-edit rebuilds (sphinx-kb's search alone)")
    noop = run.run_build(kb, "noop", 1, logs, env)
    result["noop_s"] = noop.wall_s
    result["noop_docs_read"] = noop.docs_read
    result["noop_index_skipped"] = "search index: up to date" in Path(noop.log).read_text()
    edited = kb.srcdir / "docs" / "articles" / f"{articles[count // 2].slug}.md"
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("\nOne more sentence about booster doses, added by the benchmark.\n")
    later = time.time() + 2
    os.utime(edited, (later, later))
    edit = run.run_build(kb, "edit", 1, logs, env)
    again = KB_LINE.search(Path(edit.log).read_text(encoding="utf-8"))
    result["edit_s"] = edit.wall_s
    result["edit_docs_read"] = edit.docs_read
    result["edit_kb_index_s"] = float(again[3]) if again else None
    result["load_avg_end"] = round(os.getloadavg()[0], 2)
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def table(results: list[dict[str, Any]]) -> str:
    def kb_(value: Any) -> str:
        return "–" if value is None else f"{value / 1024:,.0f} KB"

    head = "| articles | query | kb bytes | kb first result (after load) | "
    head += "Sphinx bytes to first result (after 30 s) | Sphinx first result (after load) |"
    lines = [head, "|---|---|---|---|---|---|"]
    for result in results:
        for name in ("title", "term", "common"):
            kb = result["searches"][f"kb_{name}"]
            sx = result["searches"][f"sphinx_{name}"]
            lines.append(
                f"| {result['articles']:,} | "
                f"{name}: {kb['query'][:40]} | {kb_(kb['bytes'])} | "
                f"{kb['first_result_ms']:,} ms ({kb['after_load_ms']:,}) | "
                f"{kb_(sx['bytes_to_first'])} ({kb_(sx['bytes'])}) | "
                f"{sx['first_result_ms']:,} ms ({sx['after_load_ms']:,}) |"
            )
    lines += [
        "",
        "| articles | full build | sphinx-kb index | Sphinx indexer | no-op | "
        "one edit (sphinx-kb re-index) | bundle | searchindex.js |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['articles']:,} | {r['full_build_s']:.0f} s | "
            f"{r['kb_index_s']} s | {r['sphinx_index_s']} s | {r['noop_s']:.1f} s "
            f"(read {r['noop_docs_read']}, index skipped: {r['noop_index_skipped']}) | "
            f"{r['edit_s']:.1f} s ({r['edit_kb_index_s']} s) | "
            f"{r['kb_bundle_files']:,} files, {kb_(r['kb_bundle_bytes'])} | "
            f"{kb_(r['searchindex_js_bytes'])} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 2000, 10000])
    parser.add_argument("--throttle", type=float, default=4)
    parser.add_argument("--keep", action="store_true", help="keep benchmarks/work/search-N")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (median kept)")
    parser.add_argument(
        "--site",
        type=Path,
        help="only measure sphinx-kb's search on this built site (a kept work folder's "
        "_build/html) again; --articles gives its size",
    )
    parser.add_argument("--output", type=Path, help="JSON file (default results/search-*.json)")
    args = parser.parse_args(argv)
    results = []
    if args.site:
        asked = queries(generate.generate(args.articles[0]))
        searches = measure_site(args.site, asked, args.throttle, args.repeat, sphinx=False)
        data = {"git_head": run._git("rev-parse", "HEAD"), "site": str(args.site)}
        data["searches"] = searches
        output = args.output or run.RESULTS / f"search-site-{args.articles[0]}.json"
        output.write_text(json.dumps(data, indent=1), encoding="utf-8")
        return 0
    for count in args.articles:
        results.append(bench(count, args.throttle, args.keep, args.repeat))
        output = args.output or run.RESULTS / f"search-{'-'.join(map(str, args.articles))}.json"
        output.parent.mkdir(parents=True, exist_ok=True)
        data = {"git_head": run._git("rev-parse", "HEAD"), "results": results}
        output.write_text(json.dumps(data, indent=1), encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
