"""Front matter drives the article page: byline (date, reading time, tags) and lede.

The front matter was read at ``source-read`` (``source``); this transform reports
its problems, makes the article's record for the ``kb`` domain and adds the byline
and lede under the title.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..environment.domain import RECORD_KEY, ArticleRecord
from ..environment.state import kb_state
from ..nodes import kb_tag_badges, kb_time
from ..problems import log_problem
from . import dates
from .model import reading_minutes
from .source import ARTICLE_KEY
from .trust import end_matter, read_upkeep

logger = logging.getLogger(__name__)


class ArticleHeader(SphinxTransform):
    """Byline and lede under the title; the article recorded in the ``kb`` domain."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        data = self.env.temp_data.get(ARTICLE_KEY)
        if data is None:
            return
        article, problems, fm = data
        docname = self.env.docname
        upkeep, upkeep_problems = read_upkeep(fm.data, fm.line_of)
        for problem in [*problems, *upkeep_problems]:
            log_problem(problem, docname=docname)
        self._clean_title_field(article.title)
        # MyST counts the words of the text it read (not code, not markup).
        words = self.env.metadata[docname].get("wordcount", {}).get("words", 0)
        state = kb_state(self.env)
        config = state.config
        if config.undeclared_tags != "allow":
            log = logger.error if config.undeclared_tags == "error" else logger.warning
            for label in state.vocabulary.undeclared(article.tags):
                log(
                    f"tag {label!r} is not declared in {config.tag_vocabulary}",
                    location=(docname, fm.line_of(article.sources.get("tags", "tags"))),
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
        self.env.temp_data[RECORD_KEY] = record  # collected by the kb domain
        if state.vocabulary_path is not None:
            self.env.note_dependency(str(state.vocabulary_path))
        section = self.document.next_node(nodes.section)
        if section is None or not isinstance(section[0], nodes.title):
            return
        byline = nodes.paragraph(classes=["kb-byline"])
        if article.date:
            shown = dates.day(article.date, self.config.language)
            byline += kb_time("", shown, datetime=article.date.isoformat())
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
        section.extend(end_matter(upkeep, self.config.language))

    def _clean_title_field(self, title: str) -> None:
        # MyST was given the title escaped for Markdown (see ``source``); the page's
        # metadata gets it as the reader sees it.
        docinfo = self.document.next_node(nodes.docinfo)
        for field in docinfo.findall(nodes.field) if docinfo is not None else ():
            if field[0].astext() == "title":
                field[1][:] = [nodes.paragraph("", title)]


def _names(authors: tuple[str, ...]) -> str:
    return authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]


def _same_start(text: str, description: str) -> bool:
    def fold(value: str) -> str:
        return " ".join(value.split()).casefold()

    return fold(text).startswith(fold(description))
