"""What MyST is given to read for an article: its own front matter, and the title.

The front matter is read once, by the project's own parser (``frontmatter``), and
normalized (``model``).  MyST then sees it too, so every MyST and Sphinx front
matter feature (``myst:`` settings, ``html_meta``, ``orphan``...) works on articles
as on any other page: the block is handed over as one line of JSON (what YAML 1.1
would misread, such as ``title: No``, arrives as the text the project read), and
blank lines keep every later line number pointing at the file.

The title is never parsed as Markdown: it is escaped, and MyST's own
``title_to_header`` makes it the page's H1.  A body whose first heading repeats
the title loses that heading; a body whose first heading is an H1 and a front
matter without a title make that heading the title.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..environment.state import kb_config
from .frontmatter import H1, FrontMatter, FrontMatterError, blank_front_matter, split_front_matter
from .model import Article, clean_text, normalize

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: What the header transform finds in ``env.temp_data`` for an article that was read.
ARTICLE_KEY = "kb_article"

#: Front matter keys MyST interprets (``merge_file_level``, ``render_front_matter``).
MYST_KEYS = frozenset({"myst", "mystnb", "html_meta", "substitutions"})

_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(text: str) -> str:
    """Make ``text`` literal in CommonMark: every ASCII punctuation mark backslashed."""
    return _MD_PUNCT.sub(r"\\\1", text)


def fallback_title(docname: str) -> str:
    return docname.rsplit("/", 1)[-1].replace("-", " ")


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if not kb_config(app).is_article(docname):
        return
    text = source[0]
    try:
        fm = split_front_matter(text)
    except FrontMatterError as exc:
        logger.warning(exc.message, location=(docname, exc.line), type="kb", subtype="front-matter")
        source[0] = _without_front_matter(text, docname)
        return
    article, problems = normalize(fm)
    body_lines = fm.body.split("\n")
    title_in_body = False
    for index, line in enumerate(body_lines):
        if not line.strip():
            continue
        match = H1.match(line)
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
        article = replace(article, title=fallback_title(docname))
    head = _head(fm, None if title_in_body else article, docname)
    source[0] = "\n".join([*head, *body_lines])
    app.env.temp_data[ARTICLE_KEY] = (article, problems, fm)


def _head(fm: FrontMatter, article: Article | None, docname: str) -> list[str]:
    """The lines before the body: the front matter for MyST (the title with it), or a
    title line when the file has no front matter and the body no H1 to use."""
    if fm.kind == "none":
        # The only case where the body moves down a line.
        return [] if article is None else [f"# {md_escape(article.title)}"]
    # Values as the page metadata has always held them: text as written, anything
    # else as JSON ("true", '["a", "b"]'); the keys MyST reads itself keep their shape.
    data = {
        str(key): value if str(key) in MYST_KEYS or isinstance(value, str) else _as_text(value)
        for key, value in fm.data.items()
    }
    if article is not None:
        data["title"] = md_escape(article.title)
        myst = data.get("myst", {})
        if not isinstance(myst, dict):
            logger.warning(
                "front matter 'myst' must be a mapping of MyST settings; ignored",
                location=(docname, fm.line_of("myst")),
                type="kb",
                subtype="front-matter",
            )
            myst = {}
        data["myst"] = {**myst, "title_to_header": True}
    block = ["---", json.dumps(data, default=str, ensure_ascii=False), "---"]
    return block + [""] * (fm.body_line - 1 - len(block))


def _as_text(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False)


def _without_front_matter(text: str, docname: str) -> str:
    """An unusable block blanked, so MyST neither reports it a second time nor shows it
    as text (its closing "---" would make the YAML an H2); titled after the file."""
    text, end = blank_front_matter(text)
    lines = text.split("\n")
    first = next((line for line in lines[end + 1 :] if line.strip()), "")
    if end and not H1.match(first):
        lines[0] = f"# {md_escape(fallback_title(docname))}"
    return "\n".join(lines)
