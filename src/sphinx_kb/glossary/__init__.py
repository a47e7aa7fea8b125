"""Glossary: term auto-linking, backlinks and hover definitions.

* ``terms``: reads the MyST glossary source before the build (terms, synonyms, forms);
* ``forms``: plural/singular and hyphen variants with ``inflect``;
* ``matcher``: one Aho–Corasick automaton over every form;
* ``runtime``: the term set per build, and its digests (see ``environment.collector``);
* ``autolink``: finds terms in articles at read time, links them at write time;
* ``html_links``: HTML builders link them while translating each page;
* ``backlinks``: "Used in" lists on the glossary page, and ``unused_terms``;
* ``hover``: CSS-first tooltips in HTML;
* ``jumpbar``: the glossary page's A–Z bar (HTML).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import autolink, backlinks, hover, html_links, jumpbar, runtime, term_links
from .backlinks import unused_terms, unused_terms_for
from .terms import Entry, Glossary, parse_glossary, read_glossary

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "Entry",
    "Glossary",
    "parse_glossary",
    "read_glossary",
    "setup",
    "unused_terms",
    "unused_terms_for",
]


def setup(app: Sphinx) -> None:
    """Wire the glossary's events; called from ``sphinx_kb.extension.setup``."""
    # After the environment's builder-inited handler (priority 500) starts the build.
    app.connect("builder-inited", runtime.on_builder_inited, priority=600)
    app.connect("env-before-read-docs", runtime.prepare_matcher)
    app.add_transform(autolink.GlossaryAutolink)
    app.add_post_transform(term_links.LinkTerms)
    backlinks.setup(app)
    hover.setup(app)
    html_links.setup(app)
    jumpbar.setup(app)
