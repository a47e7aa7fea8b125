"""Front matter drives the article page: one H1, date, reading time, tags, lede.

``source-read`` parses the front matter with the project's own parser and hands
MyST a body whose front matter lines are replaced by the title as an H1 (escaped,
so a title can never become markup) and blank lines, so every line number in a
warning still points at the file.  A transform then adds the byline and lede and
records the article in the ``kb`` domain.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..environment.domain import ArticleRecord, get_domain
from ..environment.state import kb_config, kb_state
from .frontmatter import FrontMatterError, split_front_matter
from .model import (
    Problem,
    clean_text,
    count_words,
    normalize,
    readable_date,
    reading_minutes,
)
from .trust import end_matter, read_upkeep

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_H1 = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


def md_escape(text: str) -> str:
    """Make ``text`` literal in CommonMark: every ASCII punctuation mark backslashed."""
    return _MD_PUNCT.sub(r"\\\1", text)


class kb_time(nodes.inline):
    """A date; HTML renders ``<time datetime="...">``."""


class kb_tag_badges(nodes.inline):
    """Placeholder for an article's tags, rendered at ``doctree-resolved``."""


def visit_kb_time_html(self: Any, node: kb_time) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_kb_time_html(self: Any, node: kb_time) -> None:
    self.body.append("</time>")


def is_article(app: Sphinx, docname: str) -> bool:
    return docname.startswith(kb_config(app).articles_dir.rstrip("/") + "/")


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not is_article(app, docname):
        return
    text = source[0]
    try:
        fm = split_front_matter(text)
    except FrontMatterError as exc:
        logger.warning(exc.message, location=(docname, exc.line), type="kb", subtype="front-matter")
        # Keep MyST from reporting the same front matter a second time, and from
        # showing the unusable block as text (its closing "---" would turn the YAML
        # into an H2): blank it, title the page after its file, keep line numbers.
        lines = text.split("\n")
        if lines and lines[0].strip() in ("---", "+++"):
            closers = ("---", "...") if lines[0].strip() == "---" else ("+++",)
            end = next((i for i in range(1, len(lines)) if lines[i].strip() in closers), 0)
            lines[: end + 1] = [""] * (end + 1)
            first = next((line for line in lines[end + 1 :] if line.strip()), "")
            if end and not _H1.match(first):
                lines[0] = f"# {md_escape(docname.rsplit('/', 1)[-1].replace('-', ' '))}"
        source[0] = "\n".join(lines)
        return
    article, problems = normalize(fm)
    body_lines = fm.body.split("\n")
    title_in_body = False
    for index, line in enumerate(body_lines):
        if not line.strip():
            continue
        match = _H1.match(line)
        if match and article.title:
            # A body that repeats the title as its first H1 would give two.
            if match.group(1).strip().casefold() == article.title.casefold():
                body_lines[index] = ""
        elif match:
            # No title in the front matter: the body's own H1 is the title.
            problems = [p for p in problems if p.code != "title-missing"]
            article = replace(article, title=clean_text(match.group(1)))
            title_in_body = True
        break
    if not article.title:
        article = replace(article, title=docname.rsplit("/", 1)[-1].replace("-", " "))
    header = [] if title_in_body else [f"# {md_escape(article.title)}"]
    # The title and blank lines take the place of the front matter, so the body's
    # lines keep their numbers (only a file without front matter shifts by one).
    padding = [""] * max(0, fm.body_line - 1 - len(header))
    source[0] = "\n".join([*header, *padding, *body_lines])
    app.env.temp_data["kb_article"] = (article, problems, fm.data, count_words(fm.body))
    app.env.temp_data["kb_key_lines"] = fm.key_lines


def _metadata_value(value: Any) -> str:
    # The same string forms myst-parser gives front matter values.
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, default=str, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


def note_link_dependencies(env: Any, docname: str, document: nodes.document) -> None:
    """Make the pages this page links to its dependencies.

    Sphinx re-reads a page only when its file or a dependency changes, so a link to
    an article that is later removed stayed live (and one to an article added later
    stayed broken) until a clean build.  A missing dependency makes Sphinx re-read
    the page, so both cases now give what a clean build gives.  (``{doc}`` roles need
    no re-read: ``xrefs.py`` rewrites the page when their target changes.)
    """
    for ref in document.findall(addnodes.pending_xref):
        kind, domain = ref.get("reftype"), ref.get("refdomain")
        target = str(ref.get("reftarget") or "")
        if kind == "myst" and domain == "doc":
            path = env.doc2path(target)  # MyST resolved the file to a docname
        elif kind == "myst" and domain is None and target.endswith(".md"):
            rel = (
                target[1:]
                if target.startswith("/")
                else posixpath.join(posixpath.dirname(docname), target)
            )
            rel = posixpath.normpath(rel)
            if rel.startswith("../") or rel == "..":
                continue  # outside the project: never a page of it
            path = env.srcdir / rel
        else:
            continue
        env.note_dependency(str(path))


class ArticleHeader(SphinxTransform):
    """Byline and lede under the title; the article recorded in the ``kb`` domain."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        note_link_dependencies(self.env, self.env.docname, self.document)
        data = self.env.temp_data.get("kb_article")
        if data is None:
            return
        article, problems, raw, words = data
        key_lines = self.env.temp_data.get("kb_key_lines") or {}
        docname = self.env.docname
        upkeep, upkeep_problems = read_upkeep(raw, key_lines.get)
        for problem in [*problems, *upkeep_problems]:
            report(problem, docname)
        metadata = self.env.metadata[docname]
        for key, value in raw.items():
            metadata.setdefault(str(key), _metadata_value(value))
        state = kb_state(self.env)
        config = state.config
        if config.undeclared_tags != "allow":
            log = logger.error if config.undeclared_tags == "error" else logger.warning
            for label in state.vocabulary.undeclared(article.tags):
                log(
                    f"tag {label!r} is not declared in {config.tag_vocabulary}",
                    location=(docname, key_lines.get("tags", 1)),
                    type="kb",
                    subtype="undeclared-tag",
                )
        tags = state.vocabulary.keys(article.tags)
        minutes = reading_minutes(words, config.words_per_minute)
        record = ArticleRecord(
            docname=docname,
            title=article.title,
            date=article.date.isoformat() if article.date else "",
            timestamp=article.date_iso,
            description=article.description,
            tags=tags,
            minutes=minutes,
            image=article.image,
            authors=article.authors,
            updated=upkeep.updated.isoformat() if upkeep.updated else "",
            reviewed=upkeep.reviewed.isoformat() if upkeep.reviewed else "",
            review_due=upkeep.review_due.isoformat() if upkeep.review_due else "",
        )
        get_domain(self.env).note_article(record)
        if state.vocabulary_path is not None:
            self.env.note_dependency(str(state.vocabulary_path))
        section = self.document.next_node(nodes.section)
        if section is None or not isinstance(section[0], nodes.title):
            return
        byline = nodes.paragraph(classes=["kb-byline"])
        if article.date:
            byline += kb_time("", readable_date(article.date), datetime=article.date.isoformat())
            byline += nodes.inline("", " · ", classes=["kb-sep"])
        byline += nodes.inline("", f"{minutes} min read", classes=["kb-reading-time"])
        if article.authors:
            byline += nodes.inline("", " · ", classes=["kb-sep"])
            byline += nodes.inline("", f"By {_names(article.authors)}", classes=["kb-author"])
        if tags:
            byline += nodes.inline("", " · ", classes=["kb-sep"])
            byline += kb_tag_badges("", tags=tags)
        new: list[nodes.Node] = [byline]
        first = section[1] if len(section) > 1 else None
        if article.description:
            # CMS descriptions are often the opening sentence; then that paragraph
            # is the lede rather than a repeat of it.
            if isinstance(first, nodes.paragraph) and _same_start(
                first.astext(), article.description
            ):
                first["classes"].append("kb-lede")
            else:
                new.append(nodes.paragraph("", article.description, classes=["kb-lede"]))
        section.insert(1, new)
        section.extend(end_matter(upkeep))


def _names(authors: tuple[str, ...]) -> str:
    return authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]


def _same_start(text: str, description: str) -> bool:
    def fold(value: str) -> str:
        return " ".join(value.split()).casefold()

    return fold(text).startswith(fold(description))


def report(problem: Problem, docname: str) -> None:
    location = (docname, problem.line)
    if problem.level == "error":
        logger.error(problem.message, location=location, type="kb", subtype=problem.code)
    elif problem.level == "warning":
        logger.warning(problem.message, location=location, type="kb", subtype=problem.code)
