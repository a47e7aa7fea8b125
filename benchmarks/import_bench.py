"""Import throughput: 5,000 generated articles, imported twice (created, then unchanged).

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

import generate  # benchmarks/generate.py; the script's folder is on sys.path

from sphinx_kb.cli import main

EXTRA = """

## Notes {n}

```python
print("systemâ€™s {n}")
```

<div class="note" onclick="steal()">Kept, <b>sanitized</b>.</div>

{{{{< youtube id{n} >}}}} and `inline code` and $x^{n}$.
"""


def make_sources(folder: Path, count: int) -> None:
    """Articles from ``generate.py``; every third gets code, raw HTML, a shortcode and
    math, and every fifth the seed's mojibake, so the importer has work to do."""
    for n, article in enumerate(generate.generate(count)):
        text = article.text
        if n % 5 == 0:
            text = text.replace("’", "â€™").replace(" the ", " theâ€™s ", 1)
        if n % 3 == 0:
            text += EXTRA.format(n=n)
        (folder / f"{article.slug}.md").write_text(text, encoding="utf-8")


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
        make_sources(src, count)
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
