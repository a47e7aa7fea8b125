"""The knowledge base as ``kb check`` sees it: settings from conf.py and every source file.

conf.py is evaluated the way Sphinx evaluates it (``sphinx.config.eval_config_file``),
but no Sphinx application is created and nothing is built, so reading thousands of
articles takes seconds.  Generated folders (tags, archive) are never read: their
pages are worked out from the articles, as the build does.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..articles.frontmatter import (
    FrontMatter,
    FrontMatterError,
    blank_front_matter,
    decode_bytes,
    sphinx_cannot_read,
    split_front_matter,
)
from ..articles.model import Article, Problem, normalize
from ..config import KBConfig, validated
from .markup import Markup, scan_markup
from .report import Finding


class ProjectError(Exception):
    """The project cannot be checked at all (no conf.py, conf.py fails): a usage error."""


@dataclass(frozen=True)
class Settings:
    kb: KBConfig
    root_doc: str
    include_patterns: tuple[str, ...]
    exclude_patterns: tuple[str, ...]
    suffixes: tuple[str, ...]
    colon_fence: bool
    language: str = "en"


@dataclass
class Source:
    """One source file, read once and shared by every rule."""

    docname: str
    path: Path
    #: Path relative to the project, for messages.
    rel: str
    is_article: bool
    front: FrontMatter | None = None
    article: Article | None = None
    problems: list[Problem] = field(default_factory=list)
    markup: Markup | None = None
    #: Read problems (binary, encoding, broken front matter) already as findings.
    findings: list[Finding] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        return self.front.data if self.front is not None else {}

    @property
    def orphan(self) -> bool:
        return "orphan" in self.data


def load_settings(root: Path) -> Settings:
    """conf.py's values; ``kb_*`` ones fall back to :class:`KBConfig`'s defaults."""
    from sphinx.config import eval_config_file
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    conf = root / "conf.py"
    if not conf.is_file():
        raise ProjectError(f"{root} has no conf.py; pass the folder that holds it")
    try:
        namespace = eval_config_file(conf, Tags())
    except ConfigError as exc:
        raise ProjectError(f"cannot read {conf}: {exc}") from exc
    values: dict[str, Any] = {}
    for item in fields(KBConfig):
        if f"kb_{item.name}" in namespace:
            values[item.name] = namespace[f"kb_{item.name}"]
    suffix = namespace.get("source_suffix") or {".md": "markdown"}
    suffixes = (suffix,) if isinstance(suffix, str) else tuple(suffix)
    if ".md" not in suffixes:
        suffixes = (*suffixes, ".md")  # myst-parser always registers .md
    extensions = namespace.get("myst_enable_extensions") or ()
    try:
        kb = validated(values)
    except ValueError as exc:
        raise ProjectError(f"{conf}: {exc}") from exc
    return Settings(
        kb=kb,
        root_doc=str(namespace.get("root_doc") or namespace.get("master_doc") or "index"),
        include_patterns=tuple(namespace.get("include_patterns") or ("**",)),
        exclude_patterns=tuple(namespace.get("exclude_patterns") or ()),
        suffixes=suffixes,
        colon_fence="colon_fence" in extensions,
        language=str(namespace.get("language") or "en"),
    )


def discover(root: Path, settings: Settings) -> dict[str, Path]:
    """docname -> path of every source Sphinx would read, without generated pages."""
    from sphinx.project import EXCLUDE_PATHS, Project

    kb = settings.kb
    generated = [f"{kb.tags_dir.rstrip('/')}/**", f"{kb.archive_dir.rstrip('/')}/**"]
    excludes = [*EXCLUDE_PATHS, "_build/**", *settings.exclude_patterns, *generated]
    project = Project(root, settings.suffixes)
    docnames = project.discover(excludes, settings.include_patterns)
    return {name: Path(project.doc2path(name, absolute=True)) for name in sorted(docnames)}


def _finding(source: Source, level: str, code: str, message: str, line: int | None) -> Finding:
    return Finding(source.rel, line, level, code, message)  # type: ignore[arg-type]


def read_source(root: Path, docname: str, path: Path, settings: Settings) -> Source:
    """Decode, split and normalize one file; every failure becomes a finding."""
    is_article = settings.kb.is_article(docname)
    source = Source(docname, path, path.relative_to(root).as_posix(), is_article)
    try:
        raw = path.read_bytes()
        decoded = decode_bytes(raw)
    except OSError as exc:
        source.findings.append(_finding(source, "error", "read-error", f"cannot read: {exc}", None))
        return source
    except FrontMatterError as exc:
        source.findings.append(_finding(source, "error", "read-error", exc.message, exc.line))
        return source
    unreadable = sphinx_cannot_read(raw) if is_article else None
    if unreadable is not None:
        # What the build says of the same file (listings.generate.leave_out_unreadable).
        message = f"{unreadable[0]}; the build leaves it out (kb import repairs the encoding)"
        source.findings.append(_finding(source, "warning", "encoding", message, unreadable[1]))
    for warning in decoded.warnings if unreadable is None else ():
        line_text, _sep, message = warning.partition(": ")
        line = int(line_text[5:]) if line_text.startswith("line ") else None
        source.findings.append(_finding(source, "warning", "encoding", message, line))
    if decoded.had_bom and unreadable is None:
        message = "file starts with a UTF-8 byte-order mark (harmless; editors may show it)"
        source.findings.append(_finding(source, "info", "bom", message, 1))
    if decoded.had_crlf:
        message = "file has Windows (CRLF) or old Mac (CR) line ends; read as LF"
        source.findings.append(_finding(source, "info", "line-ends", message, 1))
    try:
        front = split_front_matter(decoded.text)
    except FrontMatterError as exc:
        source.findings.append(_finding(source, "error", "front-matter", exc.message, exc.line))
        # Still look at the body for links and glossary terms: skip the broken block.
        front = FrontMatter({}, blank_front_matter(decoded.text)[0], 1)
        source.markup = scan_markup(front.body, 1, colon_fence=settings.colon_fence)
        return source
    source.markup = scan_markup(front.body, front.body_line, colon_fence=settings.colon_fence)
    # Rules work from the scanned markup; only the glossary's rule reads a body again.
    # Not keeping every body makes memory grow with what the rules need, not the text.
    keep_body = docname == settings.kb.glossary_doc
    source.front = front if keep_body else replace(front, body="")
    if source.is_article:
        source.article, source.problems = normalize(front)
    return source
