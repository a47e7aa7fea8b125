"""URLs that directives put into a page (``{image}``/``{figure}`` ``:target:``,
``{button-link}``, ``{card}``/``{grid-item-card}`` ``:link:``, rST links and
``.. meta::`` refreshes in ``{eval-rst}``), judged by the build's rule
(:mod:`sphinx_kb.articles.url_policy`) and reported in the build's words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..articles.url_policy import describe, is_safe_url, refused
from .context import Context, finding_at
from .markup import Directive
from .reads import rst_directives
from .report import Finding

_RST_LINK = re.compile(r"`[^`<]*<(?P<target>[^<>`]+)>`__?")
_HTTP_EQUIV = re.compile(r"^http-equiv=(?P<name>.+)$", re.IGNORECASE)


def directive_url(directive: Directive) -> str | None:
    """The URL a directive links to, if it takes one."""
    name, options = directive.name, directive.options
    if name in ("image", "figure"):
        return options.get("target")
    if name == "button-link":
        return directive.argument
    if name in ("card", "grid-item-card") and options.get("link-type", "url") == "url":
        return options.get("link")
    return None


def _problems(directive: Directive, line: int) -> Iterator[tuple[int, str]]:
    url = directive_url(directive)
    if url is not None and not is_safe_url(url):
        yield line, refused(url, "link")
    if directive.name == "meta":
        for key, value in directive.options.items():
            equiv = _HTTP_EQUIV.match(key)
            if equiv and equiv["name"].lower() != "content-type":
                yield line, f"meta http-equiv={equiv['name'].lower()} removed: {describe(value)!r}"


def directive_urls(ctx: Context) -> Iterator[Finding]:
    for source in ctx.sources:
        if source.markup is None:
            continue
        for directive in source.markup.directives:
            yield from (
                finding_at(source, line, "warning", "unsafe-url", message)
                for line, message in _problems(directive, directive.line)
            )
            if directive.name != "eval-rst":
                continue
            # The check names the directive's own line; the build can only name the
            # line docutils infers for it (the nodes get none of their own).
            for inner in rst_directives(directive.content):
                for line, message in _problems(inner, inner.line):
                    yield finding_at(source, line, "warning", "unsafe-url", message)
            for line, text in directive.content:
                for match in _RST_LINK.finditer(text):
                    if not is_safe_url(match["target"]):
                        message = refused(match["target"], "link")
                        yield finding_at(source, line, "warning", "unsafe-url", message)
