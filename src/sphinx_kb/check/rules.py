"""The checks ``kb check`` runs, each a function from the read project to findings.

Levels follow one rule: *error* when the built site would be wrong (a broken
link, an unreadable date, a page that leaves the project), *warning* when a
reader would notice something off (no description, mojibake, markup that will be
removed), *info* for housekeeping (an unused glossary term, a byte-order mark).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..domain import ArticleRecord, newest_first
from ..generate import month_docname, month_page_count
from ..model import clean_text
from ..vocabulary import Vocabulary, load_vocabulary
from . import links, terms
from .markup import TAG
from .project import Settings, Source, discover, load_settings, read_source
from .report import Finding, Level

Rule = Callable[["Context"], Iterator[Finding]]


@dataclass
class Context:
    root: Path
    settings: Settings
    sources: list[Source]
    vocabulary: Vocabulary
    #: Canonical tag key -> page slug, as the build assigns them.
    slugs: dict[str, str] = field(default_factory=dict)
    slug_messages: list[str] = field(default_factory=list)
    #: Per article docname: its record as the build would store it.
    records: dict[str, ArticleRecord] = field(default_factory=dict)
    #: Source docnames plus the pages the build generates.
    all_docs: set[str] = field(default_factory=set)
    #: Generated page -> pages and articles it lists or toctrees.
    generated: dict[str, set[str]] = field(default_factory=dict)
    #: Every ``{ref}`` label, normalized.
    labels: set[str] = field(default_factory=set)

    @property
    def by_docname(self) -> dict[str, Source]:
        return {s.docname: s for s in self.sources}

    @property
    def articles(self) -> list[Source]:
        return [s for s in self.sources if s.is_article]


def normal_label(label: str) -> str:
    # Sphinx normalizes target names: lower case, white space folded.
    return " ".join(label.lower().split())


def build_context(root: Path) -> Context:
    settings = load_settings(root)
    docs = discover(root, settings)
    sources = [read_source(root, name, path, settings) for name, path in docs.items()]
    kb = settings.kb
    vocabulary = load_vocabulary(root / kb.tag_vocabulary) if kb.tag_vocabulary else Vocabulary()
    ctx = Context(root, settings, sources, vocabulary)
    used: set[str] = set()
    for source in ctx.articles:
        article = source.article
        fallback = source.markup.first_h1 if source.markup else None
        title = (article.title if article else "") or fallback or source.docname.rsplit("/")[-1]
        keys: list[str] = []
        for label in article.tags if article else ():
            key, _declared = vocabulary.resolve(label)
            if key not in keys:
                keys.append(key)
        used.update(keys)
        date = article.date.isoformat() if article and article.date else ""
        ctx.records[source.docname] = ArticleRecord(
            docname=source.docname,
            title=title,
            date=date,
            timestamp=article.date_iso if article else "",
            tags=tuple(keys),
        )
    ctx.slugs, ctx.slug_messages = vocabulary.assign_slugs(used)
    _generated_pages(ctx)
    ctx.all_docs = {s.docname for s in sources} | set(ctx.generated)
    ctx.labels = {"genindex", "modindex", "search", "tagoverview"}
    ctx.labels |= {f"sphx_tag_{slug}" for slug in ctx.slugs.values()}
    for source in sources:
        if source.markup is not None:
            ctx.labels |= {normal_label(label) for _line, label in source.markup.labels}
    return ctx


def _generated_pages(ctx: Context) -> None:
    """The tag and archive pages the build writes, with what each one reaches."""
    kb = ctx.settings.kb
    records = sorted(ctx.records.values(), key=newest_first)
    pages: dict[str, set[str]] = defaultdict(set)
    tags_index = f"{kb.tags_dir}/index"
    archive_index = f"{kb.archive_dir}/index"
    pages[tags_index] = set()
    for key, slug in ctx.slugs.items():
        page = f"{kb.tags_dir}/{slug}"
        pages[tags_index].add(page)
        pages[page] = {r.docname for r in records if key in r.tags}
    by_year: dict[str, list[ArticleRecord]] = defaultdict(list)
    for record in records:
        by_year[record.date[:4] or "undated"].append(record)
    pages[archive_index] = {f"{kb.archive_dir}/{year}" for year in by_year}
    for year, items in by_year.items():
        year_page = f"{kb.archive_dir}/{year}"
        pages[year_page] = {r.docname for r in items} if year == "undated" else set()
        if kb.pdf_grouping != "tag":
            pages[year_page] |= {r.docname for r in items}  # the year's toctree
        months: dict[int, list[ArticleRecord]] = defaultdict(list)
        for record in items:
            if record.date:
                months[int(record.date[5:7])].append(record)
        for month, in_month in months.items():
            count = month_page_count(len(in_month), kb.listing_page_size)
            names = [month_docname(kb.archive_dir, year, month, n) for n in range(1, count + 1)]
            pages[year_page].add(names[0])
            for name in names:  # each page of a month links to the others
                pages[name] = set(names) | {r.docname for r in in_month}
    pages[f"{kb.archive_dir}/latest"] = {r.docname for r in records[: kb.listing_page_size]}
    ctx.generated = dict(pages)


def _f(source: Source, line: int | None, level: Level, code: str, message: str) -> Finding:
    return Finding(source.rel, line, level, code, message)


# -- front matter ---------------------------------------------------------------

#: Model problems whose level the check raises: an unreadable date misfiles the article.
_LEVELS: dict[str, Level] = {"date-invalid": "error", "title-invalid": "error"}
_SCRIPTY = re.compile(r"javascript:|vbscript:|\bon[a-z]+\s*=", re.IGNORECASE)


def front_matter(ctx: Context) -> Iterator[Finding]:
    policy = ctx.settings.kb.undeclared_tags
    vocab_name = ctx.settings.kb.tag_vocabulary or "the tag vocabulary"
    for source in ctx.articles:
        yield from source.findings
        article, front = source.article, source.front
        if article is None or front is None:
            continue
        for problem in source.problems:
            if problem.code == "title-missing" and source.markup and source.markup.first_h1:
                continue  # the build takes the body's H1
            level = _LEVELS.get(problem.code, problem.level)
            yield _f(source, problem.line, level, problem.code or "front-matter", problem.message)
        codes = {p.code for p in source.problems}
        line = 1 if front.kind != "none" else None
        if "date" not in article.sources and "date-invalid" not in codes:
            message = "no date in the front matter; the article is listed as undated"
            yield _f(source, line, "warning", "date-missing", message)
        if "description" not in article.sources:
            message = "no description in the front matter (listings, feeds and search use it)"
            yield _f(source, line, "warning", "description-missing", message)
        tag_line = front.line_of(article.sources.get("tags", "tags"))
        if policy != "allow":
            for label in article.tags:
                _key, declared = ctx.vocabulary.resolve(label)
                if not declared:
                    level: Level = "error" if policy == "error" else "warning"
                    message = f"tag {label!r} is not declared in {vocab_name}"
                    yield _f(source, tag_line, level, "tag-undeclared", message)
        fields = [("title", article.title), ("description", article.description)]
        fields += [("tag", tag) for tag in article.tags]
        for name, value in fields:
            found = TAG.search(value) or _SCRIPTY.search(value)
            if found:
                key = article.sources.get(name if name != "tag" else "tags", name)
                message = (
                    f"{name} {_short(value)} contains markup ({found.group(0)!r}); "
                    "it is shown as plain text, never run"
                )
                yield _f(source, front.line_of(key), "warning", "markup-in-field", message)
        yield from _slug_field(source)


def _slug_field(source: Source) -> Iterator[Finding]:
    raw = source.data.get("slug")
    if raw is None or not source.front:
        return
    text = str(raw)
    if "/" in text or "\\" in text or ".." in text or text.startswith((".", "~")):
        message = f"slug {_short(text)} would put the page outside the articles folder"
        yield _f(source, source.front.line_of("slug"), "error", "slug-escape", message)


def _short(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def duplicates(ctx: Context) -> Iterator[Finding]:
    """Titles readers cannot tell apart; addresses that collide."""
    titles: dict[str, list[Source]] = defaultdict(list)
    stems: dict[str, list[Source]] = defaultdict(list)
    slugs: dict[str, list[Source]] = defaultdict(list)
    for source in ctx.articles:
        record = ctx.records[source.docname]
        if source.article is not None:
            titles[clean_text(record.title).casefold()].append(source)
        # Case-insensitive file systems and web servers serve A.html and a.html as one.
        stems[source.docname.casefold()].append(source)
        raw_slug = source.data.get("slug")
        if isinstance(raw_slug, str) and raw_slug.strip():
            slugs[raw_slug.strip().casefold()].append(source)
    for group in titles.values():
        for source in group[1:]:
            title = ctx.records[source.docname].title
            message = f"title {_short(title)} is also the title of {group[0].rel}"
            line = source.front.line_of("title") if source.front else None
            yield _f(source, line, "warning", "duplicate-title", message)
    for group in stems.values():
        for source in group[1:]:
            message = f"page address collides with {group[0].rel} (names differ only in case)"
            yield _f(source, None, "error", "duplicate-slug", message)
    for value, group in slugs.items():
        for source in group[1:]:
            message = f"slug {value!r} is also the slug of {group[0].rel}"
            line = source.front.line_of("slug") if source.front else None
            yield _f(source, line, "error", "duplicate-slug", message)


def vocabulary(ctx: Context) -> Iterator[Finding]:
    kb = ctx.settings.kb
    rel = kb.tag_vocabulary
    for line, message in ctx.vocabulary.problems:
        level: Level = "error" if message.startswith(("invalid YAML", "cannot read")) else "warning"
        yield Finding(rel, line, level, "vocabulary", message)
    for message in ctx.slug_messages:
        yield Finding(rel or kb.tags_dir, None, "warning", "tag-slug-collision", message)


# -- other pages' read problems ---------------------------------------------------


def pages(ctx: Context) -> Iterator[Finding]:
    for source in ctx.sources:
        if not source.is_article:
            yield from source.findings


# -- glossary -----------------------------------------------------------------------


def glossary(ctx: Context) -> Iterator[Finding]:
    kb = ctx.settings.kb
    gloss_source = ctx.by_docname.get(kb.glossary_doc)
    gloss = terms.Glossary()
    if gloss_source is not None and gloss_source.front is not None:
        text = "\n" * (gloss_source.front.body_line - 1) + gloss_source.front.body
        gloss = terms.parse_glossary(text, gloss_source.rel)
        for line, message in [*gloss.problems, *terms.duplicate_terms(gloss)]:
            yield _f(gloss_source, line, "warning", "term-duplicate", message)
    where = gloss_source.rel if gloss_source else f"{kb.glossary_doc} (missing)"
    explicit: set[str] = set()
    for source in ctx.sources:
        if source.markup is None:
            continue
        for line, role, content in source.markup.roles:
            if role != "term":
                continue
            target = terms.explicit_target(content)
            entry = gloss.entry_for(target)
            if entry is None:
                message = f"{{term}} {target!r} is not a term of the glossary ({where})"
                yield _f(source, line, "error", "term-undefined", message)
            elif source is not gloss_source:
                explicit.add(entry.id)
    if gloss_source is None or not gloss.entries:
        return
    mentions: dict[str, set[str]] = {"": explicit}
    if kb.glossary_autolink != "off":
        from ..glossary.autolink import page_opted_out

        found = terms.matcher(gloss, kb.glossary_exclude)
        every = {entry.id for entry in gloss.entries}
        seen = set(explicit)
        for source in ctx.articles:
            if seen >= every:
                break  # only the union matters: stop once every term is used
            if source.markup is not None and not page_opted_out(source.data):
                mentions[source.docname] = terms.mentioned_ids(source.markup.text, found)
                seen |= mentions[source.docname]
    unused = set(terms.unused_terms(gloss, mentions))
    for entry in gloss.entries:
        if entry.terms[0] in unused:
            message = f"glossary term {entry.terms[0]!r} is used by no article"
            yield _f(gloss_source, entry.lines[0], "info", "term-unused", message)


# -- links, images, files -----------------------------------------------------------


def references(ctx: Context) -> Iterator[Finding]:
    suffixes = ctx.settings.suffixes
    for source in ctx.sources:
        markup = source.markup
        if markup is None:
            continue
        for line, target, is_image in markup.links:
            yield from _link(ctx, source, line, target, is_image, suffixes)
        for line, role, content in markup.roles:
            target = terms.explicit_target(content)
            if role == "doc":
                resolved = links.project_path(target.removesuffix(".md"), source.docname)
                if resolved.escapes:
                    yield _escape(source, line, target)
                elif resolved.value not in ctx.all_docs:
                    message = f"{{doc}} {target!r}: no such page"
                    yield _f(source, line, "error", "doc-broken", message)
            elif role == "ref":
                if normal_label(target) not in ctx.labels:
                    message = f"{{ref}} {target!r}: no such label"
                    yield _f(source, line, "error", "ref-broken", message)
            elif role == "download":
                yield from _file(ctx, source, line, target, "file-missing")
        for directive in markup.directives:
            if directive.name in ("image", "figure") and directive.argument:
                yield from _file(ctx, source, directive.line, directive.argument, "image-missing")
            elif directive.name in ("include", "literalinclude") and directive.argument:
                yield from _file(ctx, source, directive.line, directive.argument, "file-missing")
            if "file" in directive.options:
                yield from _file(
                    ctx, source, directive.line, directive.options["file"], "file-missing"
                )
            if "url" in directive.options:
                message = (
                    f"{{{directive.name}}} downloads {directive.options['url']!r} at build "
                    "time; the content is removed from article pages"
                )
                yield _f(source, directive.line, "warning", "remote-include", message)
        image = source.article.image if source.article else ""
        if image and source.front is not None:
            # The build only uses a front matter image that is a URL (og:image), so a
            # missing file is a warning here, not an error.
            line = source.front.line_of(source.article.sources.get("image", "image"))
            for finding in _file(ctx, source, line, image, "image-missing"):
                level: Level = "warning" if finding.code == "image-missing" else finding.level
                yield _f(source, line, level, finding.code, finding.message)


def _escape(source: Source, line: int | None, target: str) -> Finding:
    message = f"{target!r} points outside the project; the build leaves it out"
    return _f(source, line, "error", "path-escape", message)


def _file(
    ctx: Context,
    source: Source,
    line: int | None,
    target: str,
    code: str,
) -> Iterator[Finding]:
    # data:image/... is a fine image source; other data: and script URLs are not.
    resolved = links.classify(target, source.docname, image=True)
    if resolved.kind is links.Kind.UNSAFE:
        message = f"{target!r} uses a {resolved.value}: URL, which the build never keeps"
        yield _f(source, line, "warning", "unsafe-url", message)
    elif resolved.kind is links.Kind.PATH:
        if resolved.escapes or links.escapes_by_link(ctx.root, resolved.value):
            yield _escape(source, line, target)
        elif not links.exists(ctx.root, resolved.value):
            what = "image" if code == "image-missing" else "file"
            yield _f(source, line, "error", code, f"{what} {target!r} does not exist")


def _link(
    ctx: Context,
    source: Source,
    line: int,
    target: str,
    is_image: bool,
    suffixes: tuple[str, ...],
) -> Iterator[Finding]:
    if is_image:
        yield from _file(ctx, source, line, target, "image-missing")
        return
    resolved = links.classify(target, source.docname)
    if resolved.kind is links.Kind.UNSAFE:
        message = f"link to a {resolved.value}: URL {_short(target)}; MyST drops it"
        yield _f(source, line, "warning", "unsafe-url", message)
        return
    if resolved.kind is not links.Kind.PATH:
        return
    if resolved.escapes or links.escapes_by_link(ctx.root, resolved.value):
        yield _escape(source, line, target)
        return
    rel = resolved.value
    docname = links.docname_of(rel, suffixes)
    if docname in ctx.all_docs or links.exists(ctx.root, rel):
        return
    if docname == rel and normal_label(target) in ctx.labels:
        return  # MyST also resolves [text](label)
    what = "page" if docname != rel else "page or file"
    message = f"link to a {what} that does not exist: {target!r}"
    yield _f(source, line, "error", "link-broken", message)


# -- reachability ---------------------------------------------------------------------


def _listing_targets(ctx: Context, name: str, options: dict[str, str], arg: str) -> set[str]:
    kb = ctx.settings.kb
    tags_pages = {f"{kb.tags_dir}/{slug}" for slug in ctx.slugs.values()}
    if name in ("kb-tag-cloud", "kb-tag-overview"):
        return tags_pages
    if name == "kb-tag-page":
        return ctx.generated.get(f"{kb.tags_dir}/{arg}", set())
    if name == "kb-archive":
        year = options.get("year", "")
        return ctx.generated.get(
            f"{kb.archive_dir}/{year}" if year else f"{kb.archive_dir}/index", set()
        )
    if name == "kb-archive-month":
        page = f"{kb.archive_dir}/{options.get('year', '')}-{int(options.get('month', 0) or 0):02d}"
        return ctx.generated.get(page, set())
    if name != "article-list":
        return set()
    records = sorted(ctx.records.values(), key=newest_first)
    if options.get("tag"):
        key, _declared = ctx.vocabulary.resolve(options["tag"])
        records = [r for r in records if key in r.tags]
    year = options.get("year", "")
    if year == "undated":
        records = [r for r in records if not r.date]
    elif year:
        records = [r for r in records if r.date[:4] == year]
    month = options.get("month", "")
    if month.isdigit():
        records = [r for r in records if r.date[5:7] == f"{int(month):02d}"]
    if options.get("sort") == "title":
        records.sort(key=lambda r: (r.title.casefold(), r.docname))
    elif options.get("sort") == "oldest":
        records.reverse()
    limit = options.get("limit", "")
    if limit.isdigit() and int(limit):
        records = records[: int(limit)]
    return {r.docname for r in records}


_LISTINGS = frozenset(
    {
        "article-list",
        "kb-tag-cloud",
        "kb-tag-overview",
        "kb-tag-page",
        "kb-archive",
        "kb-archive-month",
    }
)


def reachability(ctx: Context) -> Iterator[Finding]:
    """Pages no toctree or listing reaches from the root page."""
    root_doc = ctx.settings.root_doc
    if root_doc not in ctx.all_docs:
        yield Finding(
            f"{root_doc}.md", None, "error", "root-missing", "the root page does not exist"
        )
        return
    edges: dict[str, set[str]] = {name: set(targets) for name, targets in ctx.generated.items()}
    linked: set[str] = set()
    for source in ctx.sources:
        out = edges.setdefault(source.docname, set())
        markup = source.markup
        if markup is None:
            continue
        for directive in markup.directives:
            if directive.name == "toctree":
                entries = [
                    text.strip()
                    for _line, text in directive.content
                    if text.strip() and not text.strip().startswith(":")
                ]
                found, missing = links.toctree_targets(
                    entries, source.docname, ctx.all_docs, "glob" in directive.options
                )
                out.update(found)
                for entry in missing:
                    message = f"toctree entry {entry!r}: no such page"
                    yield _f(source, directive.line, "error", "toctree-broken", message)
            elif directive.name in _LISTINGS:
                out |= _listing_targets(ctx, directive.name, directive.options, directive.argument)
        for _line, target, _image in markup.links:
            resolved = links.classify(target, source.docname)
            if resolved.kind is links.Kind.PATH:
                linked.add(links.docname_of(resolved.value, ctx.settings.suffixes))
        for _line, role, content in markup.roles:
            if role == "doc":
                target = terms.explicit_target(content).removesuffix(".md")
                linked.add(links.project_path(target, source.docname).value)
    reached = {root_doc}
    queue = [root_doc]
    while queue:
        for target in edges.get(queue.pop(), ()):
            if target not in reached:
                reached.add(target)
                queue.append(target)
    for source in ctx.sources:
        if source.docname in reached:
            continue
        if source.is_article:
            message = f"no toctree or listing reaches this article from {root_doc}"
            yield _f(source, None, "warning", "unreachable", message)
        elif not source.orphan:
            message = (
                f"page is in no toctree reached from {root_doc}; add it to one, or mark it "
                "'orphan: true' if that is meant"
            )
            yield _f(source, None, "warning", "unreachable", message)
        elif source.docname not in linked:
            message = "orphan page that no page links to"
            yield _f(source, None, "info", "orphan-unlinked", message)


# -- text quality ---------------------------------------------------------------------


def mojibake(ctx: Context) -> Iterator[Finding]:
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    for source in ctx.sources:
        candidates: list[tuple[int | None, str]] = []
        if source.article is not None and source.front is not None:
            for name in ("title", "description"):
                value = getattr(source.article, name)
                if value and not value.isascii():
                    key = source.article.sources.get(name, name)
                    candidates.append((source.front.line_of(key), value))
        if source.markup is not None:
            candidates.extend(source.markup.prose)
        for line, text in candidates:
            if is_bad(text):
                bad, fixed = _difference(text, fix_encoding(text))
                hint = f" (probably {fixed!r})" if fixed != bad else ""
                message = f"leftover mojibake {bad!r}{hint}"
                yield _f(source, line, "warning", "mojibake", message)


def _difference(text: str, fixed: str) -> tuple[str, str]:
    """The changed stretch of ``text`` and its fix, widened to whole words."""
    start = 0
    while start < min(len(text), len(fixed)) and text[start] == fixed[start]:
        start += 1
    end_text, end_fixed = len(text), len(fixed)
    while end_text > start and end_fixed > start and text[end_text - 1] == fixed[end_fixed - 1]:
        end_text -= 1
        end_fixed -= 1
    if start == len(text):  # ftfy could not fix it: show the line's non-ASCII stretch
        odd = [i for i, char in enumerate(text) if not char.isascii()]
        start, end_text = odd[0], odd[-1] + 1
        end_fixed = end_text
        fixed = text
    left = text.rfind(" ", 0, start) + 1
    right_text = text.find(" ", end_text)
    right_text = len(text) if right_text < 0 else right_text
    right_fixed = right_text - end_text + end_fixed
    return text[left:right_text][:60], fixed[left:right_fixed][:60]


def raw_html(ctx: Context) -> Iterator[Finding]:
    from .html import changes

    for source in ctx.sources:
        if source.markup is None:
            continue
        sanitized = source.is_article or source.docname == ctx.settings.kb.glossary_doc
        for line, tag in source.markup.tags:
            change = changes(tag)
            if change:
                when = "when the page is built" if sanitized else "if this page is sanitized"
                level: Level = "warning" if sanitized else "info"
                yield _f(source, line, level, "raw-html", f"raw HTML {change} {when}")


RULES: tuple[Rule, ...] = (
    front_matter,
    pages,
    duplicates,
    vocabulary,
    glossary,
    references,
    reachability,
    mojibake,
    raw_html,
)


@dataclass(frozen=True)
class Result:
    findings: list[Finding]
    articles: int
    pages: int


def check(root: Path) -> Result:
    """Run every rule on the project at ``root`` (the folder holding conf.py)."""
    ctx = build_context(root)
    findings = sorted({f for rule in RULES for f in rule(ctx)}, key=Finding.sort_key)
    articles = len(ctx.articles)
    return Result(findings, articles, len(ctx.sources) - articles)


__all__ = ["RULES", "Context", "Result", "build_context", "check"]
