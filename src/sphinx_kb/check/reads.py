"""Directives that read files or URLs at build time, judged by the build's own rule
(:mod:`sphinx_kb.articles.confine`), in Markdown and in ``{eval-rst}`` blocks, so
``kb check`` reports each read the build will refuse, with the build's words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..articles import confine
from .context import Context, finding_at
from .markup import Directive
from .report import Finding

_RST_DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\.\s+(?P<name>[\w:.+-]+)::\s*(?P<arg>.*)$")
# Option names as docutils reads them ("http-equiv=refresh" is one, for .. meta::).
_RST_OPTION = re.compile(r"^\s+:(?P<key>[\w.=-]+):(?:\s+(?P<value>.*))?$")


def rst_directives(content: list[tuple[int, str]]) -> list[Directive]:
    """The directives of an rST block (``{eval-rst}`` content), with their options."""
    found: list[Directive] = []
    current: Directive | None = None
    for line, text in content:
        opening = _RST_DIRECTIVE.match(text)
        if opening:
            current = Directive(opening["name"], opening["arg"].strip(), line)
            found.append(current)
            continue
        option = _RST_OPTION.match(text) if current is not None else None
        if option and current is not None and not current.content:
            current.options[option["key"]] = (option["value"] or "").strip()
        elif current is not None and text.strip():
            current.content.append((line, text))  # options end at the content
    return found


def targets(directive: Directive) -> Iterator[tuple[str, str]]:
    """(kind, target) of each read: ``"file"`` paths and ``"url"`` addresses."""
    name = directive.name
    if (name, "") in confine.FILE_OPTIONS and directive.argument:
        yield "file", directive.argument
    for (directive_name, option), value in (
        ((name, key), value) for key, value in directive.options.items()
    ):
        if option and (directive_name, option) in confine.FILE_OPTIONS:
            yield "file", value
    if name in confine.URL_DIRECTIVES and "url" in directive.options:
        yield "url", directive.options["url"]


def refusal(ctx: Context, docdir: Path, directive: Directive) -> Iterator[str]:
    """The build's warning for each read of ``directive`` it refuses."""
    root = ctx.root.absolute()
    for kind, target in targets(directive):
        if kind == "url":
            reason = confine.judge_url(target, ctx.settings.kb.allowed_fetch_hosts)
        elif directive.name == "include" and target.startswith("<") and target.endswith(">"):
            reason = ""  # docutils' own entity sets
        else:
            path = confine.resolve(directive.name, target, docdir, root)
            reason = confine.judge_file(path, root)
        if reason:
            yield confine.message(directive.name, target, reason)


def all_directives(directives: list[Directive]) -> Iterator[Directive]:
    for directive in directives:
        yield directive
        if directive.name == "eval-rst":
            yield from rst_directives(directive.content)


def build_reads(ctx: Context) -> Iterator[Finding]:
    """Files and URLs a directive would read that the build refuses to."""
    for source in ctx.sources:
        if source.markup is None:
            continue
        docdir = source.path.absolute().parent
        for directive in all_directives(source.markup.directives):
            for message in refusal(ctx, docdir, directive):
                yield finding_at(source, directive.line, "warning", "unsafe-read", message)
