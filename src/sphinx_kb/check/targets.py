"""Rules on where links, files and toctrees point, and on which pages can be reached.

Markdown links and images, ``{doc}``, ``{ref}`` and ``{download}`` roles, image,
figure and include directives and the front matter image must name a page, label or
file that exists inside the project, and not a script or ``data:`` URL; remote includes
are flagged. Toctree entries must name pages, and every page must be reached from the
root page through toctrees, listings or the generated tag and archive pages (an orphan
page only needs a link to it).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..articles.confine import outside_message
from ..articles.url_policy import refused
from ..listings.directives import DIRECTIVES, listing_spec
from ..listings.listing_types import KINDS
from ..problems import Level
from . import links, reads, terms
from .context import Context, finding_at, normal_label
from .markup import Markup
from .project import Source
from .report import Finding


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
                    yield finding_at(source, line, "error", "doc-broken", message)
            elif role == "ref":
                if normal_label(target) not in ctx.labels:
                    message = f"{{ref}} {target!r}: no such label"
                    yield finding_at(source, line, "error", "ref-broken", message)
            elif role == "download":
                yield from _file(ctx, source, line, target, "file-missing", download=True)
        for directive in markup.directives:
            if directive.name in ("image", "figure") and directive.argument:
                yield from _file(ctx, source, directive.line, directive.argument, "image-missing")
            elif any(reads.refusal(ctx, source.path.absolute().parent, directive)):
                continue  # reported by reads.build_reads, in the build's words
            elif directive.name in ("include", "literalinclude") and directive.argument:
                yield from _file(ctx, source, directive.line, directive.argument, "file-missing")
            if "file" in directive.options and directive.name in ("csv-table", "raw"):
                yield from _file(
                    ctx, source, directive.line, directive.options["file"], "file-missing"
                )
        image = source.article.image if source.article else ""
        if image and source.front is not None:
            # The build only uses a front matter image that is a URL (og:image), so a
            # missing file is a warning here, not an error.
            line = source.front.line_of(source.article.sources.get("image", "image"))
            for finding in _file(ctx, source, line, image, "image-missing"):
                level: Level = "warning" if finding.code == "image-missing" else finding.level
                yield finding_at(source, line, level, finding.code, finding.message)


def _escape(source: Source, line: int | None, target: str) -> Finding:
    message = f"{target!r} points outside the project; the build leaves it out"
    return finding_at(source, line, "error", "path-escape", message)


def _file(
    ctx: Context,
    source: Source,
    line: int | None,
    target: str,
    code: str,
    *,
    download: bool = False,
) -> Iterator[Finding]:
    # data:image/... is a fine image source; other data: and script URLs are not.
    resolved = links.classify(target, source.docname, image=True)
    if resolved.kind is links.Kind.UNSAFE:
        # The build's own words (articles/unsafe_urls.py): markdown-it leaves it as text.
        yield finding_at(source, line, "warning", "unsafe-url", refused(target, "image"))
    elif resolved.kind is links.Kind.PATH:
        if resolved.escapes or links.escapes_by_link(ctx.root, resolved.value):
            what = {"image-missing": "image", "file-missing": "download"}.get(code)
            if what is None or (code == "file-missing" and not download):
                yield _escape(source, line, target)
            else:
                # The build's own words (articles/sanitize.py).
                message = outside_message(what, target)
                yield finding_at(source, line, "error", "path-escape", message)
        elif not links.exists(ctx.root, resolved.value):
            what = "image" if code == "image-missing" else "file"
            yield finding_at(source, line, "error", code, f"{what} {target!r} does not exist")


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
        yield finding_at(source, line, "warning", "unsafe-url", refused(target, "link"))
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
    yield finding_at(source, line, "error", "link-broken", message)


# -- reachability ---------------------------------------------------------------------


def _edges(ctx: Context, docname: str, markup: Markup) -> tuple[set[str], list[tuple[int, str]]]:
    """Pages a page's toctrees and listings reach, and its toctree entries that name none."""
    out: set[str] = set()
    missing: list[tuple[int, str]] = []
    for directive in markup.directives:
        if directive.name == "toctree":
            entries = [
                text.strip()
                for _line, text in directive.content
                if text.strip() and not text.strip().startswith(":")
            ]
            found, absent = links.toctree_targets(
                entries, docname, ctx.all_docs, "glob" in directive.options
            )
            out.update(found)
            missing += [(directive.line, entry) for entry in absent]
        elif directive.name in DIRECTIVES and ctx.catalog is not None:
            # What the listing shows, worked out by the build's own listing code.
            try:
                kind, options = listing_spec(directive.name, directive.argument, directive.options)
                result = KINDS[kind].evaluate(ctx.catalog, docname, options)
            except (ValueError, KeyError, TypeError):
                continue  # the build reports a listing it cannot show
            out |= KINDS[kind].reaches(result, options, ctx.settings.kb)
    return out, missing


def reachability(ctx: Context) -> Iterator[Finding]:
    """Pages no toctree or listing reaches from the root page."""
    root_doc = ctx.settings.root_doc
    if root_doc not in ctx.all_docs:
        yield Finding(
            f"{root_doc}.md", None, "error", "root-missing", "the root page does not exist"
        )
        return
    edges = {name: _edges(ctx, name, markup)[0] for name, markup in ctx.generated.items()}
    linked: set[str] = set()
    for source in ctx.sources:
        markup = source.markup
        if markup is None:
            continue
        edges[source.docname], missing = _edges(ctx, source.docname, markup)
        for line, entry in missing:
            message = f"toctree entry {entry!r}: no such page"
            yield finding_at(source, line, "error", "toctree-broken", message)
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
            yield finding_at(source, None, "warning", "unreachable", message)
        elif not source.orphan:
            message = (
                f"page is in no toctree reached from {root_doc}; add it to one, or mark it "
                "'orphan: true' if that is meant"
            )
            yield finding_at(source, None, "warning", "unreachable", message)
        elif source.docname not in linked:
            message = "orphan page that no page links to"
            yield finding_at(source, None, "info", "orphan-unlinked", message)
