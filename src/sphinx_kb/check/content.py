"""Rules on what bodies say: glossary terms, leftover mojibake and raw HTML.

Every ``{term}`` role must name a term of the glossary, whose entries must parse and
not repeat a term, and each glossary term should be used somewhere: by a ``{term}``
role outside the glossary or, unless autolinking is off, by a mention in an article.
Titles, descriptions and prose must not hold mojibake that ``ftfy`` recognizes, and raw
HTML tags that the build's sanitizer would change are reported (a warning on sanitized
pages, info on the others).
"""

from __future__ import annotations

from collections.abc import Iterator

from . import terms
from .context import Context, finding_at
from .project import Source
from .report import Finding


def glossary(ctx: Context) -> Iterator[Finding]:
    kb = ctx.settings.kb
    gloss_source = ctx.by_docname.get(kb.glossary_doc)
    gloss = terms.Glossary()
    if gloss_source is not None and gloss_source.front is not None:
        text = "\n" * (gloss_source.front.body_line - 1) + gloss_source.front.body
        gloss = terms.parse_glossary(text, gloss_source.rel)
        for problem in [*gloss.problems, *terms.duplicate_terms(gloss)]:
            yield Finding.of(gloss_source.rel, problem)
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
                yield finding_at(source, line, "error", "term-undefined", message)
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
            yield finding_at(gloss_source, entry.lines[0], "info", "term-unused", message)


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
                yield finding_at(source, line, "warning", "mojibake", message)


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
    from ..articles.html_policy import unsafe_urls
    from ..articles.url_policy import refused
    from .html import changes

    # The build sanitizes raw HTML on every page (issue 19): every page is reported.
    for source in ctx.sources:
        if source.markup is None:
            continue
        for line, tag in source.markup.tags:
            bad = unsafe_urls(tag)
            if bad:
                # The build's warning, word for word (articles/sanitize.py).
                message = refused(bad[0], "raw HTML link")
                yield finding_at(source, line, "warning", "unsafe-url", message)
                continue
            change = changes(tag, in_block=line in source.markup.html_block_lines)
            if change:
                message = f"raw HTML {change} when the page is built"
                yield finding_at(source, line, "warning", "raw-html", message)


def code_languages(ctx: Context) -> Iterator[Finding]:
    """Code blocks in a language Pygments does not know: shown as plain text (one per language)."""
    from ..articles.fallbacks import known_language

    first: dict[str, tuple[Source, int]] = {}
    count: dict[str, int] = {}
    for source in ctx.sources:
        if source.markup is None:
            continue
        for line, language in source.markup.languages:
            if known_language(language):
                continue
            first.setdefault(language, (source, line))
            count[language] = count.get(language, 0) + 1
    for language, (source, line) in sorted(first.items()):
        blocks = "block" if count[language] == 1 else "blocks"
        message = (
            f"{count[language]} code {blocks} in language {language!r} will be shown as plain "
            "text (Pygments has no lexer of that name)"
        )
        yield finding_at(source, line, "warning", "code-language", message)
