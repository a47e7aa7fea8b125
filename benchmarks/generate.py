"""Write synthetic articles shaped like the seed article, for benchmarks.

    python benchmarks/generate.py N DEST [--vocabulary tags.yml] [--glossary glossary.md]

Every article has the seed's front matter (templateKey, title, date, description,
three tags, author) and a body of about 600 words with ``##`` headings, a bullet
list, a numbered list and mentions of glossary terms.  Output depends only on N,
the seed and the options, so two runs write byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sphinx_kb.articles.model import slugify  # the project's one slug rule

SEED = 6  # issue 6; any fixed value keeps runs comparable
TARGET_WORDS = 600
START = dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
SPAN_SECONDS = 10 * 365 * 24 * 3600  # dates spread over ~10 years

# (term, definition): the glossary, and what article bodies mention.
GLOSSARY_TERMS: tuple[tuple[str, str], ...] = (
    ("immune system", "The network of cells, tissues and organs that defends the body."),
    ("T cells", "Lymphocytes that mature in the thymus and kill or direct other cells."),
    ("B cells", "Lymphocytes that make antibodies."),
    ("antibodies", "Proteins that bind a specific antigen and mark it for destruction."),
    ("lymphocytes", "White blood cells of the adaptive immune system."),
    ("pathogens", "Organisms that cause disease, such as viruses and bacteria."),
    ("immunotherapy", "Treatment that uses or strengthens the immune system."),
    ("vaccine", "A preparation that trains the immune system to recognise a pathogen."),
    ("inflammation", "The body's alarm response to infection and injury."),
    ("antigen", "A molecule the immune system can recognise."),
    ("macrophages", "Large white blood cells that engulf microbes and debris."),
    ("neutrophils", "The most common white blood cells; first to arrive at infection."),
    ("cytokines", "Small proteins cells use to signal to each other."),
    ("innate immunity", "The fast, general first line of defence."),
    ("adaptive immunity", "The slower, specific defence that remembers pathogens."),
    ("thymus", "The organ where T cells mature."),
    ("bone marrow", "The tissue inside bones where blood cells are made."),
    ("lymph nodes", "Small organs where immune cells meet antigens."),
    ("spleen", "An organ that filters blood and stores immune cells."),
    ("checkpoint inhibitors", "Drugs that release the brakes on T cells."),
    ("monoclonal antibodies", "Identical antibodies made in the laboratory."),
    ("CAR T-cell therapy", "Treatment with a patient's T cells engineered to find cancer."),
    ("autoimmune disease", "Illness in which the immune system attacks the body."),
    ("allergy", "An immune reaction to something usually harmless."),
    ("histamine", "A chemical released in allergic reactions."),
    ("natural killer cells", "Innate lymphocytes that kill infected and tumour cells."),
    ("dendritic cells", "Cells that present antigens to T cells."),
    ("memory cells", "Long-lived lymphocytes that remember a pathogen."),
    ("fever", "A raised body temperature, often a sign of infection."),
    ("herd immunity", "Protection of a population when most people are immune."),
    ("booster", "An extra vaccine dose that renews protection."),
    ("adjuvant", "An ingredient that strengthens the response to a vaccine."),
    ("tumour", "An abnormal mass of tissue."),
    ("metastasis", "The spread of cancer to other parts of the body."),
    ("biopsy", "Removal of a small piece of tissue for examination."),
    ("complement system", "Blood proteins that help antibodies and phagocytes."),
    ("phagocytosis", "The engulfing of particles by a cell."),
    ("immunodeficiency", "A weakened or missing part of the immune system."),
    ("interferon", "A cytokine that interferes with viral replication."),
    ("plasma cells", "B cells that secrete large amounts of antibodies."),
)
# Extra glossary terms (beyond the list above) are combinations of these.
_MODIFIERS = ("activated", "regulatory", "circulating", "resident", "naive", "effector")

# The tag vocabulary: 50 declared tags.
TAGS: tuple[str, ...] = (
    "cancer", "immune system", "immunotherapy", "vaccines", "screening",
    "cells", "treatment", "prevention", "inflammation", "allergy",
    "asthma", "autoimmunity", "infection", "viruses", "bacteria",
    "antibiotics", "nutrition", "exercise", "sleep", "stress",
    "ageing", "children", "pregnancy", "genetics", "diagnosis",
    "clinical trials", "side effects", "skin", "lungs", "heart",
    "blood", "bones", "gut", "brain", "eyes",
    "hormones", "diabetes", "arthritis", "transplants", "hiv",
    "hepatitis", "influenza", "covid-19", "measles", "travel health",
    "mental health", "pain", "surgery", "research", "public health",
)  # fmt: skip
COLOURS = ("primary", "secondary", "success", "info", "warning", "danger", "light", "dark")

AUTHORS = (
    "Amara Okafor", "Lena Fischer", "Ravi Menon", "Sofia Alvarez", "Tomasz Nowak",
    "Mei Lin", "Jonas Berg", "Fatima Haddad", "Kwame Mensah", "Claire Dubois",
)  # fmt: skip

_TITLE_PATTERNS = (
    "What {a} Means for Your Health",
    "How {a} Protect the Body",
    "{A} and {b}: What the Research Says",
    "Understanding {a}",
    "A Plain Guide to {a}",
    "Why {a} Matter More as We Age",
    "{A}, {b} and Everyday Life",
    "Questions People Ask About {a}",
)
_HEADINGS = (
    "How it works", "What the research shows", "Who benefits", "Possible side effects",
    "Questions to ask your doctor", "The role of {a}", "When {a} go wrong",
    "Living with {a}", "What comes next", "Key points",
)  # fmt: skip
_SENTENCES = (
    "The {a} works together with {b} to keep us healthy and fight off infection.",
    "Researchers have found that {a} can change how {b} respond to {c}.",
    "When {a} detect {c}, they send signals that recruit {b} to the site.",
    "Doctors often explain {a} by comparing it to an alarm that wakes up {b}.",
    "With age, {a} lose some of their ability to communicate with {b}.",
    "Most people never notice {a} at work, yet it shapes how they recover.",
    "A healthy diet, sleep and exercise all support {a} and {b}.",
    "Some treatments boost {a}, while others calm an overactive response.",
    "Scientists measure {a} in blood samples to see how well {b} are doing.",
    "In clinical trials, patients who received {a} showed fewer signs of {c}.",
    "It is a common myth that {a} only matters during an infection.",
    "The body keeps a record of past encounters with {c} through {a}.",
    "Too much {a} can damage healthy tissue, so the response must be balanced.",
    "Your doctor may suggest a test to check {a} before starting treatment.",
    "Understanding {a} helps explain why some people get sick more often than others.",
    "Both {a} and {b} are produced in the bone marrow and mature elsewhere.",
    "New medicines aim to guide {a} towards {c} with greater precision.",
    "A {a} teaches {b} to recognise {c} without causing the disease itself.",
)  # fmt: skip
_LIST_ITEMS = (
    "Ask whether {a} is right for you.",
    "Keep a record of symptoms such as {a}.",
    "Check that your {a} is up to date.",
    "Learn how {a} and {b} interact.",
    "Report any {a} that lasts more than a few days.",
    "Bring a list of medicines to every appointment.",
    "Discuss the benefits and risks of {a} with a specialist.",
)


@dataclass(frozen=True)
class GeneratedArticle:
    slug: str
    title: str
    date: str
    tags: tuple[str, str, str]
    text: str


def glossary_terms(count: int = 40) -> list[tuple[str, str]]:
    """``count`` distinct (term, definition) pairs; real ones first, then combinations."""
    terms = list(GLOSSARY_TERMS[:count])
    for modifier in _MODIFIERS:
        for base, definition in GLOSSARY_TERMS:
            if len(terms) >= count:
                return terms
            terms.append((f"{modifier} {base}", f"{definition} ({modifier} form)"))
    if len(terms) < count:
        raise ValueError(f"at most {len(terms)} glossary terms can be generated")
    return terms


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(template: str, rng: random.Random, terms: Sequence[str]) -> str:
    a, b, c = rng.sample(list(terms), 3)
    return template.format(a=a, b=b, c=c, A=_cap(a), B=_cap(b))


def _paragraph(rng: random.Random, terms: Sequence[str], sentences: int) -> str:
    return _cap(" ".join(_fill(rng.choice(_SENTENCES), rng, terms) for _ in range(sentences)))


def _body(rng: random.Random, terms: Sequence[str], words: int = TARGET_WORDS) -> str:
    # Blocks are added until the body reaches ``words``; the shape (intro, headed
    # sections, one bullet list, one numbered list) follows the seed.
    blocks: list[str] = [_paragraph(rng, terms, 4), _paragraph(rng, terms, 3)]
    headings = rng.sample(_HEADINGS, 4)
    section = 0
    while sum(len(b.split()) for b in blocks) < words:
        if section < len(headings):
            blocks.append("## " + _cap(_fill(headings[section], rng, terms)))
        blocks.append(_paragraph(rng, terms, rng.randint(3, 5)))
        if section == 1:
            items = rng.sample(_LIST_ITEMS, 4)
            blocks.append("\n".join(f"- {_fill(i, rng, terms)}" for i in items))
        elif section == 2:
            items = rng.sample(_LIST_ITEMS, 3)
            blocks.append("\n".join(f"{n}. {_fill(i, rng, terms)}" for n, i in enumerate(items, 1)))
        section += 1
    return "\n\n".join(blocks) + "\n"


def _front_matter(
    title: str, when: dt.datetime, description: str, tags: Sequence[str], author: str
) -> str:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"
    lines = [
        "---",
        "templateKey: article-template",
        # A ": " would end a plain YAML scalar; quote only then, like a CMS would.
        f"title: {json.dumps(title) if ': ' in title else title}",
        f"date: {stamp}",
        "description: >-",
        f"  {description}",
        "tags:",
        *(f"  - {tag}" for tag in tags),
        f"author: {author}",
        "---",
    ]
    return "\n".join(lines) + "\n"


def generate(
    count: int,
    seed: int = SEED,
    terms: int = 40,
    *,
    words: int = TARGET_WORDS,
    names: Sequence[str] | None = None,
) -> list[GeneratedArticle]:
    """``count`` articles; the same arguments always give the same articles.

    Bodies mention the first ``terms`` glossary terms, or ``names`` when given (a
    benchmark's own glossary), and run to about ``words`` words.
    """
    rng = random.Random(seed)
    if names is None:
        names = [term for term, _definition in glossary_terms(terms)]
    seen: set[str] = set()
    articles: list[GeneratedArticle] = []
    for index in range(count):
        a, b = rng.sample(names, 2)
        title = _cap(rng.choice(_TITLE_PATTERNS).format(a=a, b=b, A=_cap(a)))
        slug = slugify(title)
        if slug in seen:  # titles repeat at scale; keep slugs (file names) unique
            title = f"{title} ({index + 1})"
            slug = slugify(title)
        seen.add(slug)
        when = START + dt.timedelta(milliseconds=rng.randrange(SPAN_SECONDS * 1000))
        first, second, third = rng.sample(TAGS, 3)
        tags = (first, second, third)
        description = _fill(rng.choice(_SENTENCES), rng, names)
        head = _front_matter(title, when, description, tags, rng.choice(AUTHORS))
        text = head + _body(rng, names, words)
        articles.append(GeneratedArticle(slug, title, when.date().isoformat(), tags, text))
    return articles


def write_articles(articles: Sequence[GeneratedArticle], dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (dest / f"{article.slug}.md").write_text(article.text, encoding="utf-8")


def vocabulary_yaml() -> str:
    """A ``tags.yml`` declaring the 50 tags (same shape as ``docs/tags.yml``)."""
    lines = ["# Generated by benchmarks/generate.py: the 50 tags synthetic articles use."]
    for index, tag in enumerate(TAGS):
        label = tag.upper() if tag in ("hiv",) else _cap(tag)
        lines += [
            f"{tag}:",
            f"  label: {label}",
            f"  description: Articles about {tag}.",
            f"  aliases: [{tag} articles]",
            f"  color: {COLOURS[index % len(COLOURS)]}",
        ]
    return "\n".join(lines) + "\n"


def glossary_md(count: int = 40) -> str:
    """A MyST glossary page with ``count`` terms."""
    entries = [f"{_cap(term)}\n  {definition}\n" for term, definition in glossary_terms(count)]
    return "# Glossary\n\n```{glossary}\n" + "\n".join(entries) + "```\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("dest", type=Path, help="folder for the articles (<slug>.md)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--vocabulary", type=Path, help="also write a tags.yml for the 50 tags")
    parser.add_argument("--glossary", type=Path, help="also write a glossary.md")
    parser.add_argument("--terms", type=int, default=40, help="glossary terms (default 40)")
    args = parser.parse_args(argv)
    write_articles(generate(args.count, args.seed, args.terms), args.dest)
    if args.vocabulary:
        args.vocabulary.write_text(vocabulary_yaml(), encoding="utf-8")
    if args.glossary:
        args.glossary.write_text(glossary_md(args.terms), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
