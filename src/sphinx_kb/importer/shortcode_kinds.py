"""What each known shortcode becomes in MyST.

* callouts (Hugo ``note``/``warning``/``tip``, the Learn theme's ``notice``, Book's
  ``hint``, Docsy's ``alert``, ``callout``, ``admonition``; Zola's body shortcodes)
  -> admonitions;
* ``figure`` (also spread over several lines) -> ``{figure}``/``{image}``, the image
  found like any other (``--media``);
* ``highlight`` (Hugo) and ``{% highlight %}`` (Liquid) -> fenced code;
* ``details``/``expand`` -> a sphinx-design dropdown; ``tabs``/``tab`` -> tab sets;
* ``youtube``, ``vimeo``, ``gist``, ``tweet``/``x``, ``instagram`` -> links;
* links, includes and variables: see :mod:`.shortcode_refs`.

Everything else is left for the repair pass (kept literal and reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .inline import ImageRewriter
from .links import SiteMap
from .myst_markup import directive, language_of, one_line
from .shortcode_refs import RefsMixin
from .shortcodes import Output, Result, Tag, convert_markup, liquid_words
from .sites import SiteInfo
from .survey import Surveyed

#: Callout names and the MyST admonition each becomes.
ADMONITIONS = {
    "note": "note",
    "info": "note",
    "information": "note",
    "primary": "note",
    "secondary": "note",
    "default": "note",
    "example": "note",
    "question": "note",
    "abstract": "note",
    "summary": "note",
    "quote": "note",
    "tip": "tip",
    "success": "tip",
    "hint": "hint",
    "important": "important",
    "warning": "warning",
    "warn": "warning",
    "caution": "caution",
    "attention": "attention",
    "danger": "danger",
    "bug": "danger",
    "failure": "error",
    "error": "error",
    "seealso": "seealso",
}
#: Shortcodes whose first argument or ``type``/``style``/``color`` says the kind.
CALLOUT_WRAPPERS = frozenset({"notice", "hint", "alert", "callout", "admonition", "admonish"})
TAB_SETS = frozenset({"tabs", "tabpane", "tabgroup", "codetabs", "tab-set"})
TABS = frozenset({"tab", "tab-item"})
#: Code shortcodes of documentation themes (Hugo's own docs: ``code``, ``code-toggle``).
CODE_BLOCKS = frozenset({"code", "code-toggle", "codeblock", "code-block"})
DETAILS = frozenset({"details", "expand", "collapse", "spoiler", "dropdown"})
FIGURES = frozenset({"figure", "fig", "img", "image"})
EMBEDS = {
    "youtube": ("YouTube video", "https://www.youtube.com/watch?v={id}"),
    "vimeo": ("Vimeo video", "https://vimeo.com/{id}"),
    "instagram": ("Instagram post", "https://www.instagram.com/p/{id}/"),
}
_HL = re.compile(r"hl_lines\s*=\s*[\"']?([\d\s,-]+)")


@dataclass
class MarkupContext(RefsMixin):
    """Converts the markup of one page; also the :class:`~.shortcodes.Converter`."""

    page: Surveyed
    site: SiteInfo
    sitemap: SiteMap | None = None
    images: ImageRewriter | None = None
    #: ``--var`` values (``site.title``, ``title``...), lower-cased names.
    variables: dict[str, str] = field(default_factory=dict)
    #: Includes must lie inside this folder.
    confine: Path | None = None
    #: File line of the body's first line (messages name file lines).
    first_line: int = 1
    depth: int = 0
    in_tabs: bool = False

    # -- Converter protocol ----------------------------------------------------

    def paired(self, tag: Tag) -> bool | None:
        name = tag.name
        if tag.kind == "liquid":
            return name in ("highlight", "comment")
        if tag.kind == "zola":
            return None if name in ADMONITIONS or name in CALLOUT_WRAPPERS else False
        if tag.kind != "hugo":
            return False
        return (
            name == "highlight"
            or name in CODE_BLOCKS
            or name in TAB_SETS
            or name in TABS
            or name in DETAILS
            or name in ADMONITIONS
            or name in CALLOUT_WRAPPERS
        )

    def convert(self, tag: Tag, inner: str | None, line: int, out: Output) -> Result | None:
        if tag.closing:
            return None
        if tag.kind == "liquid":
            return self._liquid(tag, inner, line, out)
        if tag.kind == "output":
            return self.variable(tag, line, out)
        name = tag.name
        if name in FIGURES:
            return self._figure(tag, line, out)
        if name == "highlight" and inner is not None:
            language = tag.arg("lang", "language", position=0)
            options = tag.arg("options", position=1)
            return Result(self.code(inner, language, options), block=True)
        if name in CODE_BLOCKS and inner is not None:
            file = tag.arg("file", "filename", "title")
            language = tag.arg("lang", "language") or (
                "toml" if name == "code-toggle" else language_of(file)
            )
            caption = file if "." in file else ""
            return Result(self.code(inner, language, caption=caption), block=True)
        if inner is not None and (name in ADMONITIONS or name in CALLOUT_WRAPPERS):
            return self._callout(tag, inner, line, out)
        if inner is not None and name in DETAILS:
            title = tag.arg("summary", "title", position=0) or "Details"
            body = self.nested(inner, line, out)
            return Result(directive("dropdown", one_line(title), {}, body), block=True)
        if inner is not None and name in TAB_SETS:
            body = self.nested(inner, line, out, tabs=True)
            return Result(directive("tab-set", "", {}, body), block=True)
        if inner is not None and name in TABS:
            return self._tab(tag, inner, line, out)
        if name in EMBEDS or name in ("gist", "tweet", "x"):
            return self._embed(tag)
        return self.reference(tag, line, out)

    # -- conversions -------------------------------------------------------------

    def nested(self, inner: str, line: int, out: Output, *, tabs: bool = False) -> str:
        child = MarkupContext(
            self.page,
            self.site,
            self.sitemap,
            self.images,
            self.variables,
            self.confine,
            self.first_line,
            self.depth,
            in_tabs=tabs,
        )
        converted = convert_markup(inner.strip("\n"), child, line)
        out.counts.update(converted.counts)
        out.notes.extend(converted.notes)
        return converted.text

    def code(self, inner: str, language: str, options: str = "", caption: str = "") -> str:
        code = inner.strip("\n")
        fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", code)), default=0) + 1)
        hl = _HL.search(options)
        numbered = "linenos" in options and "linenos=false" not in options
        if not hl and not numbered and not caption:
            return f"{fence}{language}\n{code}\n{fence}"
        lines = [f"{fence}{{code-block}} {language or 'text'}"]
        if caption:
            lines.append(":caption: " + one_line(caption))
        if numbered:
            lines.append(":linenos:")
        if hl:
            lines.append(":emphasize-lines: " + ",".join(hl.group(1).split()))
        return "\n".join([*lines, "", code, fence])

    def _liquid(self, tag: Tag, inner: str | None, line: int, out: Output) -> Result | None:
        words = liquid_words(tag)
        if tag.name == "highlight" and inner is not None:
            language = words[0] if words else ""
            rest = " ".join(words[1:])
            options = ("linenos " if "linenos" in words else "") + (
                "hl_lines=" + m.group(1)
                if (m := re.search(r"mark_lines=\"?([\d ]+)", rest))
                else ""
            )
            return Result(self.code(inner, language, options), block=True)
        if tag.name == "comment" and inner is not None:
            return Result("", counted="dropped")
        if tag.name == "youtube" and words:
            return Result(f"[YouTube video](https://www.youtube.com/watch?v={words[0]})")
        return self.liquid_reference(tag, words, line, out)

    def _callout(self, tag: Tag, inner: str, line: int, out: Output) -> Result:
        name = tag.name
        if name in CALLOUT_WRAPPERS:
            kind = tag.arg("type", "style", "color", "level", "class", position=0)
            title = tag.arg("title", "header", position=1 if not tag.arg("type", "style") else 0)
            if name == "alert" and not kind:
                kind = "warning"
        else:
            kind = name
            title = tag.arg("title", "header", position=0)
        admonition = ADMONITIONS.get(kind.casefold(), "note")
        if title.casefold() == kind.casefold():
            title = ""
        body = self.nested(inner, line, out)
        if title:
            return Result(
                directive("admonition", one_line(title), {"class": admonition}, body), block=True
            )
        return Result(directive(admonition, "", {}, body), block=True)

    def _tab(self, tag: Tag, inner: str, line: int, out: Output) -> Result:
        title = tag.arg("name", "header", "title", "label", position=0) or "Tab"
        language = tag.arg("lang", "language", "code")
        body = self.code(inner, language) if language else self.nested(inner, line, out)
        item = directive("tab-item", one_line(title), {}, body)
        if self.in_tabs:
            return Result(item, block=True)
        return Result(directive("tab-set", "", {}, item), block=True)

    def _embed(self, tag: Tag) -> Result | None:
        name = tag.name
        if name in EMBEDS:
            ident = tag.arg("id", position=0)
            label, pattern = EMBEDS[name]
            title = tag.arg("title") or label
            return Result(f"[{one_line(title)}]({pattern.format(id=ident)})") if ident else None
        if name == "gist":
            user, ident = tag.arg("user", position=0), tag.arg("id", position=1)
            if user and ident:
                return Result(f"[Gist {ident}](https://gist.github.com/{user}/{ident})")
            return None
        ident = tag.arg("id", position=1) or tag.arg("id", position=0)
        user = tag.arg("user", position=0) if tag.arg("id", position=1) else tag.arg("user")
        if not ident:
            return None
        url = f"https://x.com/{user}/status/{ident}" if user else f"https://x.com/i/status/{ident}"
        return Result(f"[Post on X]({url})")

    def _figure(self, tag: Tag, line: int, out: Output) -> Result | None:
        src = tag.arg("src", "url", "path", position=0)
        if not src:
            return None
        alt = one_line(
            re.sub(r"[*_`]", "", tag.arg("alt") or tag.arg("title") or tag.arg("caption"))
        )
        caption = tag.arg("caption")
        title = tag.arg("title")
        if title and caption and title != caption:
            caption = f"**{title}** {caption}"
        caption = caption or title
        if self.images is not None:
            new = self.images(src, self.first_line + line)
            if new == "":
                return Result(alt or "", counted="converted")
            src = new or src
        options = {
            "alt": alt,
            "width": tag.arg("width"),
            "height": tag.arg("height"),
            "target": tag.arg("link"),
            "class": tag.arg("class"),
        }
        name = "figure" if caption else "image"
        return Result(directive(name, src, options, caption), block=True)
