"""Shortcodes that point elsewhere: links to other pages, included files, variables.

* Hugo ``ref``/``relref``, Jekyll ``{% post_url %}`` and ``{% link %}`` become a
  ``kbsrc:`` link to the named source, which :mod:`.links` turns into a link to its
  new page (or reports);
* ``readfile``/``include`` (Hugo, Docsy), ``{% include %}`` and
  ``{% include_relative %}`` (Jekyll) are replaced by the Markdown file they name,
  looked up beside the page, in the content folder, the site folder and its
  ``_includes``/``includes`` folders, never outside the site; other files are kept
  as code when asked (``code="true"``) or left and reported;
* Liquid output (``{{ site.title }}``, ``{{ "/x" | relative_url }}``) and Hugo's
  ``param`` take their value from ``--var NAME=VALUE``, the site configuration or
  the page's front matter; one with no value is kept as literal code and reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..articles.frontmatter import FrontMatterError, decode_bytes, split_front_matter
from ..fileio import is_within
from .inline import as_literal_code
from .links import SOURCE_SCHEME
from .shortcodes import Output, Result, Tag, convert_markup

if TYPE_CHECKING:
    from .shortcode_kinds import MarkupContext

INCLUDES = frozenset(
    {"readfile", "include", "include-md", "readfile-md", "embed-md", "md-include", "insert"}
)
#: Included files including files: deeper than this is a loop or a mistake.
MAX_INCLUDE_DEPTH = 4
_MAX_INCLUDE_BYTES = 1024 * 1024
_FILTER = re.compile(r"^\s*(?P<name>[\w-]+)\s*(?::\s*(?P<arg>.+))?$")
_LITERAL = re.compile(r"""^(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)')$""")


#: The start of a Markdown link reference definition, up to where its URL goes.
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?$")


class RefsMixin:
    """Part of :class:`~.shortcode_kinds.MarkupContext`: references, includes, variables."""

    def reference(self: MarkupContext, tag: Tag, line: int, out: Output) -> Result | None:
        name = tag.name
        if name in ("ref", "relref"):
            return self._ref(tag.arg("path", position=0), line, out)
        if name == "param":
            key = tag.arg("name", "key", position=0)
            value = self._page_value(key) or self._site_value(f"params.{key}")
            if value is None:
                return self._unresolved(tag, line, out, f"param {key!r} has no value")
            return Result(value)
        if name in INCLUDES:
            path = tag.arg("file", "path", "src", position=0)
            language = tag.arg("lang", "language")
            as_code = tag.arg("code").casefold() == "true" or bool(language)
            return self._include(path, line, out, language if as_code else None)
        return None

    def liquid_reference(
        self: MarkupContext, tag: Tag, words: list[str], line: int, out: Output
    ) -> Result | None:
        if tag.name == "post_url" and words:
            return self._post_url(words[0], line, out)
        if tag.name == "link" and words:
            return Result(self._link_text(f"{SOURCE_SCHEME}/{words[0].lstrip('/')}", out))
        if tag.name in ("include", "include_relative") and words:
            relative = tag.name == "include_relative"
            return self._include(words[0], line, out, None, relative=relative, liquid=True)
        return None

    def variable(self: MarkupContext, tag: Tag, line: int, out: Output) -> Result | None:
        if self.site.generator in ("hugo", "zola"):
            return None  # Hugo and Zola never run templates inside content
        value = self._evaluate(tag.raw_args)
        if value is None:
            return self._unresolved(
                tag, line, out, f"{tag.text} has no value (give one with --var NAME=VALUE)"
            )
        return Result(value)

    # -- helpers -----------------------------------------------------------------

    def _unresolved(self: MarkupContext, tag: Tag, line: int, out: Output, why: str) -> Result:
        out.notes.append((line, f"{why}; kept as literal text"))
        return Result(as_literal_code(tag.text), counted="kept")

    def _link_text(self: MarkupContext, target: str, out: Output) -> str:
        # After "](", href=" or in a link reference definition ("[x]: ") the target is
        # wanted; anywhere else, a whole link.
        tail = out.text[-8:]
        last_line = out.text[out.text.rfind("\n") + 1 :]
        if (
            tail.endswith(("](", "](<"))
            or re.search(r"""href\s*=\s*["']?$""", tail)
            or _REFERENCE_DEFINITION.match(last_line)
        ):
            return target
        page = None
        if self.sitemap is not None:
            page = self.sitemap.by_source_path(target[len(SOURCE_SCHEME) :].split("#")[0])
        title = page.title if page is not None else target[len(SOURCE_SCHEME) :]
        return f"[{title}]({target})"

    def _ref(self: MarkupContext, path: str, line: int, out: Output) -> Result:
        target, _sep, fragment = path.partition("#")
        suffix = f"#{fragment}" if fragment else ""
        if not target:
            return Result(self._link_text(f"{SOURCE_SCHEME}/{self.page.url_rel}{suffix}", out))
        page = None
        if self.sitemap is not None:
            page = self.sitemap.by_source_path(target, self.page)
            if page is None and not target.startswith("/"):
                page = self.sitemap.by_basename(target)
        found = f"/{page.url_rel}" if page is not None else target
        return Result(self._link_text(f"{SOURCE_SCHEME}{found}{suffix}", out))

    def _post_url(self: MarkupContext, name: str, line: int, out: Output) -> Result:
        found = None
        if self.sitemap is not None:
            wanted = name.strip("/").casefold()
            for page in self.sitemap.by_name.get(wanted.rsplit("/", 1)[-1], []):
                stem = page.url_rel.rsplit(".", 1)[0].casefold()
                if "_posts/" in stem and stem.endswith(wanted):
                    found = page
        path = f"/{found.url_rel}" if found is not None else f"/_posts/{name}"
        return Result(self._link_text(f"{SOURCE_SCHEME}{path}", out))

    def _page_value(self: MarkupContext, dotted: str) -> str | None:
        value: Any = {str(k).casefold(): v for k, v in self.page.data.items()}
        for part in dotted.casefold().split("."):
            if not isinstance(value, dict):
                return None
            value = {str(k).casefold(): v for k, v in value.items()}.get(part)
        return str(value) if isinstance(value, (str, int, float)) else None

    def _site_value(self: MarkupContext, dotted: str) -> str | None:
        key = dotted.casefold()
        for name in (f"site.{key}", key):
            if name in self.variables:
                return self.variables[name]
        if key in self.site.variables:
            return self.site.variables[key]
        if key == "baseurl":
            return self.site.base_path  # Jekyll's default is ""
        return None

    def _evaluate(self: MarkupContext, expression: str) -> str | None:
        head, *filters = [part.strip() for part in expression.split("|")]
        value = self._value(head)
        for item in filters:
            match = _FILTER.match(item)
            if value is None or match is None:
                return None
            argument = self._value(match.group("arg").strip()) if match.group("arg") else ""
            value = _apply(match.group("name"), value, argument, self)
        return value

    def _value(self: MarkupContext, term: str) -> str | None:
        literal = _LITERAL.match(term)
        if literal:
            return literal.group("d") if literal.group("d") is not None else literal.group("s")
        lowered = term.casefold()
        if lowered in self.variables:
            return self.variables[lowered]
        if lowered.startswith("site."):
            return self._site_value(term[5:])
        if lowered.startswith("page."):
            return self._page_value(term[5:])
        return None

    def _include(
        self: MarkupContext,
        path: str,
        line: int,
        out: Output,
        language: str | None,
        *,
        relative: bool = False,
        liquid: bool = False,
    ) -> Result | None:
        found = self._find_include(path, relative=relative, liquid=liquid)
        if found is None:
            if liquid and not path.casefold().endswith((".md", ".markdown")):
                return None  # an HTML include: a template, reported as kept text
            out.notes.append((line, f"include {path!r} is not in the source tree; kept as text"))
            return None
        try:
            text = decode_bytes(found.read_bytes()[:_MAX_INCLUDE_BYTES]).text
        except (OSError, FrontMatterError):
            out.notes.append((line, f"include {path!r} cannot be read; kept as text"))
            return None
        if language is not None:
            return Result(self.code(text, language), block=True)
        if found.suffix.casefold() not in (".md", ".markdown", ".mdx", ".txt"):
            return None
        if self.depth >= MAX_INCLUDE_DEPTH:
            out.notes.append((line, f"include {path!r} is nested too deeply; kept as text"))
            return None
        try:
            body = split_front_matter(text).body
        except FrontMatterError:
            body = text
        self.depth += 1
        try:
            converted = convert_markup(body.strip("\n"), self, line)
        finally:
            self.depth -= 1
        out.counts.update(converted.counts)
        out.notes.extend(converted.notes)
        block = "\n" in converted.text.strip()
        return Result(converted.text.strip("\n"), block=block, counted="included")

    def _find_include(
        self: MarkupContext, path: str, *, relative: bool, liquid: bool
    ) -> Path | None:
        if not path or "\x00" in path:
            return None
        here = self.page.source.resolved.parent
        roots: list[Path] = [here]
        if not relative:
            for root in (self.site.content_root, self.site.root):
                if root is not None:
                    roots += [root, root / "_includes", root / "includes"]
        clean = path.strip().lstrip("/")
        candidates = [root / clean for root in roots]
        candidates += [c.with_suffix(c.suffix + ".md") for c in candidates if not c.suffix]
        limit = self.confine or self.site.root or self.site.content_root
        for candidate in candidates:
            if candidate.is_file() and (limit is None or is_within(candidate, limit)):
                return candidate.resolve()
        return None


def _apply(name: str, value: str, argument: str | None, ctx: MarkupContext) -> str | None:
    if argument is None:
        return None
    base = ctx._site_value("baseurl") or ""
    if name == "relative_url":
        return base.rstrip("/") + "/" + value.lstrip("/") if value.startswith("/") else value
    if name == "absolute_url":
        url = ctx._site_value("url")
        if url is None:
            return None
        return url.rstrip("/") + base.rstrip("/") + "/" + value.lstrip("/")
    simple = {
        "prepend": lambda: argument + value,
        "append": lambda: value + argument,
        "strip": value.strip,
        "downcase": value.lower,
        "upcase": value.upper,
        "capitalize": value.capitalize,
        "escape": lambda: value,
        "xml_escape": lambda: value,
        "uri_escape": lambda: value,
        "url_encode": lambda: value,
    }
    action = simple.get(name)
    return action() if action is not None else None
