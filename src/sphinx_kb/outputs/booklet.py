"""The PDF's layout: a booklet rather than Sphinx's manual.

Everything goes through Sphinx's own LaTeX settings, and only where conf.py
left them unset: the package ``texinputs/sphinxkbbook.sty`` (running heads,
parts and chapters that do not force a new page, article styles) is added with
``app.add_latex_package`` and copied as a ``latex_additional_files`` entry;
``latex_elements['maketitle']`` becomes a title page with the site's
description, the date of the edition, ``kb_pdf_disclaimer`` and the copyright,
and sets the PDF's title, author, subject and language.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import texescape

from ..articles import dates
from ..config import KBConfig

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PACKAGE = "sphinxkbbook"
STYLE_FILE = Path(__file__).resolve().parent.parent / "texinputs" / f"{PACKAGE}.sty"


def edition_date(config: Config) -> str:
    """``today`` if conf.py sets it, else the build's date (``SOURCE_DATE_EPOCH`` if set),
    written as articles' dates are."""
    if config.today:
        return str(config.today)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    day = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()
    return dates.day(day, config.language)


def language_tag(config: Config) -> str:
    """BCP 47 for the PDF's /Lang: ``en_GB`` becomes ``en-GB``."""
    return re.sub(r"[^A-Za-z0-9-]", "", (config.language or "en").replace("_", "-")) or "en"


def title_page(config: Config) -> str:
    kb = KBConfig.from_sphinx(config)
    texescape.init()  # idempotent; the LaTeX builder calls it later than config-inited

    def tex(text: str) -> str:
        return texescape.escape(" ".join(str(text).split()), config.latex_engine)

    args = [
        kb.description,
        f"Edition of {edition_date(config)}",
        kb.pdf_disclaimer,
        config.copyright or "",
    ]
    return r"\kbmaketitle" + "".join("{" + tex(arg) + "}" for arg in args)


def configure(app: Sphinx, config: Config) -> None:
    files = [str(f) for f in config.latex_additional_files]
    if str(STYLE_FILE) not in files:
        config.latex_additional_files = [*files, str(STYLE_FILE)]
    elements = config.latex_elements
    # fncychap's chapter heads start with a page's worth of space; the package's are compact.
    elements.setdefault("fncychap", "")
    elements.setdefault("maketitle", title_page(config))
    # hyperref takes the language only before the document starts.
    lang = rf"\PassOptionsToPackage{{pdflang={{{language_tag(config)}}}}}{{hyperref}}"
    elements["passoptionstopackages"] = lang + "\n" + elements.get("passoptionstopackages", "")


def setup(app: Sphinx) -> None:
    app.add_latex_package(PACKAGE, after_hyperref=True)
    app.connect("config-inited", configure)
