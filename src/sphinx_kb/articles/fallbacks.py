"""What a page asks for that the build cannot show degrades quietly, and is said once.

* A code block in a language Pygments does not know (``go-html-template``,
  ``mermaid``) is shown as plain text.  Sphinx warned once per *block* (a
  migrated blog gave 1,431 identical warnings); here one warning per *language*
  says so (``kb.code-language``, which ``suppress_warnings`` can silence).
* An image whose file does not exist is shown as its alt text, with a warning
  when the page is read.  Sphinx made the missing file a dependency, so the page
  was read again on every build; instead the ``kb`` domain remembers it and the
  collector has the page read again only once the file exists.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..config import KBConfig
from ..environment.domain import MISSING_IMAGES_KEY

logger = logging.getLogger(__name__)

#: Names Sphinx itself understands before asking Pygments.
_SPHINX_NAMES = frozenset({"py", "python", "py3", "python3", "default", "pycon3", "guess"})
#: Names generators' highlighters (Rouge, Chroma, highlight.js, Zola) use for "no highlighting":
#: shown as plain text without a warning, since plain text is what the author asked for.
PLAIN_NAMES = frozenset({"plain", "plaintext", "txt", "none", "nohighlight", "no-highlight"})
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


@cache
def _pygments_knows(language: str) -> bool:
    from pygments.lexers import find_lexer_class_by_name
    from pygments.util import ClassNotFound

    try:
        find_lexer_class_by_name(language)
    except ClassNotFound:
        return False
    return True


def known_language(language: str) -> bool:
    from sphinx.highlighting import lexer_classes, lexers

    return (
        not language
        or language in _SPHINX_NAMES
        or language.casefold() in PLAIN_NAMES
        or language in lexers  # app.add_lexer()
        or language in lexer_classes
        or _pygments_knows(language)
    )


class PlainTextFallbacks(SphinxTransform):
    """Unknown code languages and missing images (see the module docstring)."""

    # Before the domains collect the page (850) and long before DoctreeReadEvent (880),
    # where Sphinx collects images as dependencies.
    default_priority = 845

    def apply(self, **kwargs: Any) -> None:
        for block in self.document.findall(nodes.literal_block):
            language = block.get("language", "")
            if isinstance(language, str) and language.casefold() in PLAIN_NAMES:
                block["language"] = "text"
            elif isinstance(language, str) and not known_language(language):
                block["language"] = "text"
                logger.warning(
                    "code blocks in language %r are shown as plain text (Pygments has no "
                    "lexer of that name)",
                    language,
                    location=block,
                    type="kb",
                    subtype="code-language",
                    once=True,
                )
        kb = KBConfig.from_sphinx(self.config)
        if kb.in_articles(self.env.docname):
            self._missing_images(Path(self.env.srcdir))

    def _missing_images(self, srcdir: Path) -> None:
        docdir = (srcdir / self.env.docname).parent
        for image in list(self.document.findall(nodes.image)):
            uri = str(image.get("uri", ""))
            if not uri or _REMOTE.match(uri) or uri.startswith("data:") or "*" in uri:
                continue
            path = srcdir / uri.lstrip("/") if uri.startswith("/") else docdir / uri
            if path.exists():
                continue
            logger.warning(
                "image %r does not exist; its alt text is shown instead",
                uri,
                location=image,
                type="kb",
                subtype="image-missing",
            )
            # Collected by the kb domain (KBDomain.process_doc).
            self.env.temp_data.setdefault(MISSING_IMAGES_KEY, set()).add(os.path.abspath(path))
            alt = image.get("alt", "")
            parent = image.parent
            if isinstance(parent, nodes.figure):
                parent.replace_self(nodes.paragraph("", alt) if alt else [])
            elif alt:
                image.replace_self(nodes.inline("", alt))
            else:
                parent.remove(image)
