"""All ``kb_*`` settings in one typed, validated object.

Each field of :class:`KBConfig` is registered with Sphinx as ``kb_<field>``, with
the type (or the allowed values, for a ``Literal``) taken from the field's
annotation; read them back with ``KBConfig.from_sphinx(app.config)``.  A wrong
value stops the build at ``config-inited`` with one error naming the setting, the
value and what is allowed (Sphinx itself only warns and carries on).  Defaults suit
the layout of this repository (content under ``docs/``).
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, field, fields
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, get_args, get_origin, get_type_hints

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

Policy = Literal["allow", "warn", "error"]
AutolinkMode = Literal["first-per-page", "first-per-section", "every", "off"]


@dataclass(frozen=True)
class KBConfig:
    #: Folder (relative to the source directory) holding one page per article.
    articles_dir: str = "docs/articles"
    #: Folder where tag pages are generated (never edit or commit it).
    tags_dir: str = "docs/tags"
    #: Folder where archive pages are generated (never edit or commit it).
    archive_dir: str = "docs/archive"
    #: Declared tag vocabulary (YAML); empty string for none.
    tag_vocabulary: str = "docs/tags.yml"
    #: What an undeclared tag does: allow, warn or error.
    undeclared_tags: Policy = "warn"
    #: The glossary page (docname).
    glossary_doc: str = "docs/glossary"
    #: Which mentions of glossary terms become links.
    glossary_autolink: AutolinkMode = "first-per-page"
    #: Glossary terms never auto-linked: term lines, matched case-insensitively (any
    #: synonym switches off its whole entry).  A list in conf.py is made a tuple.
    glossary_exclude: tuple[str, ...] = ()
    #: Most glossary links in one paragraph (or list item, table cell, caption): a
    #: mention past it stays plain text, and the term is linked at its next eligible
    #: mention.  Keeps a dense paragraph from reading as a row of links; 0: no limit.
    glossary_max_links: int = 1
    #: Most articles listed under a glossary entry ("Used in"), newest first; the rest
    #: are counted ("and 12 more").  0 lists them all.
    glossary_backlinks_limit: int = field(default=20, metadata={"minimum": 0})
    #: Reading speed used for the reading time.
    words_per_minute: int = field(default=200, metadata={"minimum": 1})
    #: Number of related articles shown on an article page.
    related_count: int = field(default=5, metadata={"minimum": 0})
    #: Longest listing page; longer archive months are split into pages.
    listing_page_size: int = field(default=50, metadata={"minimum": 1})
    #: Articles in the Atom feed.
    feed_length: int = field(default=20, metadata={"minimum": 0})
    #: Absolute site address for the feed (``html_baseurl`` if empty).
    site_url: str = ""
    #: What the knowledge base is, in a sentence: the PDF's subtitle and subject, and the
    #: EPUB's description when ``epub_description`` is not set.
    description: str = field(default="", metadata={"rebuild": ""})
    #: Printed in a box on the PDF's title page (e.g. "not medical advice"); empty for none.
    pdf_disclaimer: str = field(default="", metadata={"rebuild": ""})
    #: Glossary terms' page numbers in the PDF: "note" (a list after each article),
    #: "inline" ("(page N)" after each term's first mention) or "off".
    pdf_term_pages: Literal["note", "inline", "off"] = field(
        default="note", metadata={"rebuild": ""}
    )
    #: How the PDF groups articles: "tag" (topic chapters: each article under the first
    #: of its tags in the vocabulary's order) or "date" (year chapters).
    pdf_grouping: Literal["date", "tag"] = "tag"
    #: How ``-j N`` writes HTML: "batches" (each worker resolves, indexes and writes
    #: whole batches) or "sphinx" (Sphinx's own: the main process resolves every page).
    parallel_write: Literal["batches", "sphinx"] = field(
        default="batches",
        metadata={"rebuild": ""},  # the same site either way
    )

    #: Hosts whose URLs directives may fetch at build time (``{csv-table}`` and ``{raw}``
    #: ``:url:``), e.g. ``("data.example.org",)``.  Empty: the build fetches nothing.
    allowed_fetch_hosts: tuple[str, ...] = field(default=(), metadata={"hosts": True})

    #: The fast paths that reach into other packages' internals (``sphinx_kb.internals``):
    #: False takes Sphinx's, furo's and the other packages' own ways everywhere (the
    #: same site, built more slowly), e.g. to tell whether a problem comes from one.
    fast_paths: bool = field(default=True, metadata={"rebuild": ""})

    #: Redirects for the old URLs of imported pages (``kb import`` writes it); "" for none.
    redirects_file: str = "docs/redirects.json"

    def is_article(self, docname: str) -> bool:
        """Pages below ``articles_dir`` are articles, except section pages (``index``)."""
        return self.in_articles(docname) and not self.is_section(docname)

    def is_section(self, docname: str) -> bool:
        """A folder's ``index`` page below ``articles_dir``: it lists the folder's pages."""
        return self.in_articles(docname) and docname.rsplit("/", 1)[-1] == "index"

    def in_articles(self, docname: str) -> bool:
        """Anywhere below ``articles_dir`` (articles and section pages)."""
        return docname.startswith(self.articles_dir.strip("/") + "/")

    @classmethod
    def register(cls, app: Sphinx) -> None:
        from sphinx.config import ENUM

        for item in fields(cls):
            default = item.default if item.default is not MISSING else None
            rebuild = item.metadata.get("rebuild", "env")
            choices = _choices(item.name)
            types: Any = ENUM(*choices) if choices else _types(item.name)
            app.add_config_value(f"kb_{item.name}", default, rebuild, types)
        # Before Sphinx's own type check (priority 800), which only warns.
        app.connect("config-inited", validate, priority=100)

    @classmethod
    def from_sphinx(cls, config: Config) -> KBConfig:
        values: dict[str, Any] = {f.name: getattr(config, f"kb_{f.name}") for f in fields(cls)}
        return cls(**values)


_HOST = re.compile(r"(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+")


@cache
def _hints() -> dict[str, Any]:
    return get_type_hints(KBConfig)


def _choices(name: str) -> tuple[str, ...]:
    hint = _hints()[name]
    return get_args(hint) if get_origin(hint) is Literal else ()


def _types(name: str) -> tuple[type, ...]:
    hint = _hints()[name]
    origin = get_origin(hint)
    if origin is tuple:
        return (tuple, list)  # conf.py naturally gives a list
    return (origin or hint,)


def validated(values: dict[str, Any]) -> KBConfig:
    """A :class:`KBConfig` from ``{field: value}`` (missing fields take their default);
    ``ValueError`` naming the first setting whose value is not allowed."""
    checked: dict[str, Any] = {}
    for item in fields(KBConfig):
        if item.name in values:
            checked[item.name] = _checked(item, values[item.name])
    return KBConfig(**checked)


def _checked(item: Any, value: Any) -> Any:
    name = f"kb_{item.name}"
    choices = _choices(item.name)
    expected = _types(item.name)
    if choices:
        if value not in choices:
            allowed = ", ".join(repr(c) for c in choices)
            raise ValueError(f"{name} = {value!r} is not allowed; use one of {allowed}")
        return value
    if expected == (tuple, list):
        items = (value,) if isinstance(value, str) else value
        if not isinstance(items, tuple | list | set | frozenset) or not all(
            isinstance(v, str) for v in items
        ):
            raise ValueError(f"{name} = {value!r} is not allowed; use a list of strings")
        if item.metadata.get("hosts"):
            bad = [v for v in items if not _HOST.fullmatch(v)]
            if bad:
                raise ValueError(
                    f"{name}: {bad[0]!r} is not a host name; use names like 'data.example.org'"
                    " (no scheme, port or path)"
                )
            return tuple(v.lower().rstrip(".") for v in items)
        return tuple(items)
    if expected == (int,):
        minimum = item.metadata.get("minimum", 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ValueError(
                f"{name} = {value!r} is not allowed; use a whole number of at least {minimum}"
            )
        return value
    if expected == (bool,):
        if not isinstance(value, bool):
            raise ValueError(f"{name} = {value!r} is not allowed; use True or False")
        return value
    if not isinstance(value, expected):
        raise ValueError(f"{name} = {value!r} is not allowed; use a string")
    return value


def validate(app: Sphinx, config: Config) -> None:
    """One clear error for a ``kb_*`` setting Sphinx would accept with a warning."""
    from sphinx.errors import ConfigError

    values = {item.name: getattr(config, f"kb_{item.name}") for item in fields(KBConfig)}
    try:
        checked = validated(values)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    for item in fields(KBConfig):
        setattr(config, f"kb_{item.name}", getattr(checked, item.name))
