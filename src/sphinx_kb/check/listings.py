"""Listing directives that do not show what they say: options the build refuses
(``month: 13``, ``year: 24``) and a tag filter no page can match."""

from __future__ import annotations

from collections.abc import Iterator

from ..listings.directives import DIRECTIVES, unknown_filter_tag
from .context import Context, finding_at
from .report import Finding


def listing_options(ctx: Context) -> Iterator[Finding]:
    for source in ctx.sources:
        if source.markup is None:
            continue
        for directive in source.markup.directives:
            if directive.name not in DIRECTIVES:
                continue
            refused = False
            for number, (key, value) in enumerate(directive.options.items()):
                convert = DIRECTIVES[directive.name].option_spec.get(key)
                try:
                    if convert is not None:
                        convert(value)
                except ValueError as exc:
                    # MyST warns and drops the option; the listing shows without it.
                    refused = True
                    message = (
                        f"{{{directive.name}}} option {key!r}: {exc}; the build ignores the option"
                    )
                    line = directive.line + 1 + number  # one option per line
                    yield finding_at(source, line, "warning", "listing-option", message)
            if refused:
                continue
            if directive.name == "article-list":
                tag = directive.options.get("tag", "").strip()
                problem = unknown_filter_tag(tag, ctx.vocabulary, ctx.slugs)
                if problem:
                    yield finding_at(source, directive.line, "warning", "listing", problem)
