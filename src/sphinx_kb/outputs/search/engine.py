"""The search index: words to scored pages, cut in small files a query fetches a few of.

Why our own and not Pagefind's: Pagefind scores every matching page in the reader's
browser, and on a large site a common word costs seconds on a phone
(Pagefind/pagefind#1334); here each (word, page) score is worked out at build time,
so a query fetches the few files holding its words, adds up numbers, and fetches the
records of the ten results it shows.  The transfer per query does not grow with the
site beyond the postings of the words asked for.

The bundle (``_kbsearch/``):

* ``index.json``: the language, the stop words, the range of words each word file
  holds, and the folder of this build's files (named after their content, so a
  reader's cached files never mix two builds);
* ``<build>/stem.js``: Sphinx's JavaScript stemmer for the language, the twin of the
  Python one the index is made with (``sphinx.search``: one stemmer pair for both);
* ``<build>/w/<n>.kbz``: words in order, each with its pages and scores;
* ``<build>/p/<n>.kbz``: one result's fields and text (the snippet is cut from it);
* ``<build>/filters.kbz``: the pages of each tag and kind, and pages newest first.

``.kbz`` files are gzipped JSON (written with no timestamp: the same input gives the
same bytes); the search script inflates them itself, so no server has to.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.search import SearchLanguage, languages

from ...internals.sphinx import js_stemmer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .extract import Record

#: The bundle's shape; the search script refuses another.
FORMAT = 1
#: BM25's usual constants: how fast repeats stop counting, how much length matters.
K1, B = 1.2, 0.75
#: What a word in the title adds, against at most K1 + 1 for the body's repeats:
#: an article named for the query comes before the ones that mention it.
TITLE_BONUS = 2.5
#: A title's words count even when most pages have them ("cells" in "T cells"):
#: the title bonus is weighted as if the word were on no more than about a third of
#: the pages (where BM25's idf is 1).
TITLE_IDF_FLOOR = 1.0
#: The title bonus grows by up to this factor as the query covers more of the title.
TITLE_COVERAGE = 2.0
#: Weight of a glossary definition's words (running text weighs 1): a short
#: definition that mentions a word must not outrank the articles about it.
DEFINITION_WEIGHT = 0.5
#: Scores are stored as integers at this scale.
SCALE = 100
#: A word file is closed past this many bytes of JSON (one word may exceed it alone).
CHUNK_BYTES = 24_000
#: A result's text is kept up to this many characters for its snippet (all of it is
#: indexed): a book-length page must not make every search that shows it heavy.
SNIPPET_SOURCE = 40_000
#: Words, as Sphinx's own search splits them (``SearchLanguage._word_re``).
WORD = re.compile(r"\w+")


def search_language(code: str) -> SearchLanguage:
    """Sphinx's language support for ``code``, or its language-neutral base."""
    entry = languages.get(code)
    if isinstance(entry, str):
        from sphinx.util import import_object

        entry = import_object(entry)
    if entry is None or code in ("ja", "zh"):  # their splitters need dictionaries
        return SearchLanguage({})
    return entry({})


def _identity(word: str) -> str:
    return word


_IDENTITY_JS = "export default (word) => word;\n"


def stemmers(lang: SearchLanguage) -> tuple[Callable[[str], str], str]:
    """The stemmer the index is made with and its JavaScript twin (an ES module) that
    readers' queries go through; without a JavaScript twin, neither stems."""
    found = js_stemmer(lang.js_stemmer_rawcode) if lang.js_stemmer_rawcode else None
    if found is None:
        return _identity, _IDENTITY_JS
    code, name = found
    module = (
        f"// Sphinx's {lang.language_name} stemmer (Snowball, BSD licence).\n"
        f"var BaseStemmer;\n{code}\n"
        f"const stemmer = new {name}();\n"
        "export default (word) => stemmer.stemWord(word);\n"
    )
    return lang.stem, module


@dataclass(frozen=True)
class Words:
    """How the index turns text into the words it stores."""

    stem: Callable[[str], str]
    stopwords: frozenset[str]
    #: The stem's JavaScript twin (``stemmers``) and the language's code.
    module: str
    language: str

    @classmethod
    def of(cls, lang: SearchLanguage) -> Words:
        stem, module = stemmers(lang)
        return cls(lru_cache(maxsize=None)(stem), frozenset(lang.stopwords), module, lang.lang)

    def __call__(self, text: str) -> Iterable[str]:
        for word in WORD.findall(text.lower()):
            if word.isdigit() or word in self.stopwords:
                continue
            yield self.stem(word)


def _pack(value: Any) -> bytes:
    return gzip.compress(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(),
        compresslevel=6,  # nearly level 9's size, in half its time
        mtime=0,
    )


def _deltas(ids: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *ids], ids, strict=False)]


#: A page's words: weighted counts in its text, and what each title word adds.
Analysis = tuple[dict[str, float], dict[str, float]]


def analyse(record: Record, words: Words) -> Analysis:
    """The words of one result (kept between builds with the record: see ``index``)."""
    counts: Counter[str] = Counter()
    for weight, text in record.runs:
        for word in words(text):
            counts[word] += weight
    if record.definition:
        for word in words(record.definition):
            counts[word] += DEFINITION_WEIGHT
    return dict(counts), _title_bonus((record.title, *record.names), words)


def build(
    records: list[Record], words: Words, analyses: list[Analysis] | None = None
) -> dict[str, bytes]:
    """Every file of the bundle (path relative to it -> bytes), for ``records`` in order
    (``analyses``: theirs, when already known)."""
    if analyses is None:
        analyses = [analyse(record, words) for record in records]
    body = [counts for counts, _names in analyses]
    title = [names for _counts, names in analyses]
    count = len(records) or 1
    lengths = [sum(c.values()) for c in body]
    average = (sum(lengths) / count) or 1.0
    frequency: Counter[str] = Counter()
    for counts, names in zip(body, title, strict=True):
        frequency.update(set(counts) | set(names))
    postings: dict[str, tuple[list[int], list[int]]] = {}
    for page, (counts, names) in enumerate(zip(body, title, strict=True)):
        norm = K1 * (1 - B + B * lengths[page] / average)
        for word in counts.keys() | names.keys():
            df = frequency[word]
            idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
            tf = counts.get(word, 0.0)
            bonus = names.get(word, 0.0) * max(idf, TITLE_IDF_FLOOR)
            score = idf * tf * (K1 + 1) / (tf + norm) + bonus
            ids, scores = postings.setdefault(word, ([], []))
            ids.append(page)
            scores.append(max(1, round(score * SCALE)))
    files: dict[str, bytes] = {}
    chunks: list[list[str]] = []
    current: dict[str, list[list[int]]] = {}
    size = 0
    for word in sorted(postings):
        ids, scores = postings[word]
        entry = [_deltas(ids), scores]
        current[word] = entry
        size += len(word) + 4 * len(ids) + 8
        if size >= CHUNK_BYTES:
            chunks.append([min(current), max(current)])
            files[f"w/{len(chunks) - 1}.kbz"] = _pack(current)
            current, size = {}, 0
    if current:
        chunks.append([min(current), max(current)])
        files[f"w/{len(chunks) - 1}.kbz"] = _pack(current)
    for page, record in enumerate(records):
        files[f"p/{page}.kbz"] = _pack(_fields(record))
    files["filters.kbz"] = _pack(_filters(records))
    files["stem.js"] = words.module.encode()
    build_id = hashlib.sha256()
    for name in sorted(files):
        build_id.update(name.encode() + b"\0" + files[name])
    folder = build_id.hexdigest()[:16]
    bundle = {f"{folder}/{name}": data for name, data in files.items()}
    bundle["index.json"] = json.dumps(
        {
            "format": FORMAT,
            "build": folder,
            "language": words.language or "",
            "pages": len(records),
            "stopwords": sorted(words.stopwords),
            "chunks": chunks,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    return bundle


def _title_bonus(names: Iterable[str], words: Words) -> dict[str, float]:
    """What each word of a title (or of a term's other names) adds to the page's score:
    more for a shorter title, so that a query naming the whole title (a glossary
    term's one word, an article's exact title) puts that page first."""
    bonus: dict[str, float] = {}
    for name in names:
        stems = set(words(name))
        for word in stems:
            value = TITLE_BONUS * (1 + TITLE_COVERAGE / len(stems))
            bonus[word] = max(bonus.get(word, 0.0), value)
    return bonus


def _fields(record: Record) -> dict[str, Any]:
    fields: dict[str, Any] = {"url": record.url, "kind": record.kind, "title": record.title}
    if record.date:
        fields["date"], fields["date_label"] = record.date, record.date_label
    if record.tags:
        fields["tags"] = list(record.tags)
    if record.link:
        fields["link"], fields["definition"] = record.link, record.definition
    else:
        fields["text"] = record.text[:SNIPPET_SOURCE]
    return fields


def _filters(records: list[Record]) -> dict[str, Any]:
    tags: dict[str, list[int]] = {}
    kinds: dict[str, list[int]] = {}
    for page, record in enumerate(records):
        for tag in dict.fromkeys(record.tags):
            tags.setdefault(tag, []).append(page)
        kinds.setdefault(record.kind, []).append(page)
    dated = sorted(
        (page for page, r in enumerate(records) if r.date),
        key=lambda page: (records[page].date, -page),
        reverse=True,
    )
    return {
        "tag": {name: _deltas(ids) for name, ids in sorted(tags.items())},
        "kind": {name: _deltas(ids) for name, ids in sorted(kinds.items())},
        "newest": dated,
    }


def write(bundle: dict[str, bytes], folder: Path) -> None:
    """Write the bundle's files under ``folder`` (a new, empty folder)."""
    for name, data in bundle.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
