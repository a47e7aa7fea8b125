"""Import throughput: 5,000 seed-like articles, imported twice (created, then unchanged).

    .venv/bin/python benchmarks/import_bench.py [--count N]

Articles are variations of the seed article (mojibake, a pseudo-heading, "Term:-"
paragraphs, runs of blank lines), some with code, HTML and a shortcode, so every
repair runs.  Prints articles per second for each run.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import tempfile
import time
from pathlib import Path

from sphinx_kb.cli import main

SEED = Path(__file__).resolve().parent.parent / "tests/fixtures/seed/000_a0d92a45339acd22.txt"
EXTRA = """

## Notes {n}

```python
print("systemâ€™s {n}")
```

<div class="note" onclick="steal()">Kept, <b>sanitized</b>.</div>

{{{{< youtube id{n} >}}}} and `inline code` and $x^{n}$.
"""


def generate(folder: Path, count: int) -> None:
    seed = SEED.read_text(encoding="utf-8")
    head, body = seed.split("\n---\n", 1)
    for n in range(count):
        title = f"title: What is Immunotherapy, part {n}?"
        text = head.replace("title: What is Immunotherapy and How Does it Work?", title)
        text += f"\n---\n{body}"
        if n % 3 == 0:
            text += EXTRA.format(n=n)
        (folder / f"{n:05d}.md").write_text(text, encoding="utf-8")


def timed_import(src: Path, dest: Path) -> tuple[float, int]:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = main(["import", str(src), "--dest", str(dest)])
    return time.perf_counter() - start, status


def bench(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, dest = Path(tmp, "src"), Path(tmp, "docs", "articles")
        src.mkdir()
        dest.parent.mkdir()
        generate(src, count)
        for label in ("first run (created)", "second run (unchanged)"):
            seconds, status = timed_import(src, dest)
            pages = len(list(dest.glob("*.md")))
            print(
                f"{label}: {count} articles in {seconds:.2f} s = {count / seconds:,.0f} "
                f"articles/s (exit {status}, {pages} pages)"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    bench(parser.parse_args().count)
