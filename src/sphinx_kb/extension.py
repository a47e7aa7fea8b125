"""Wiring: registers the ``kb`` domain, directives, nodes and event handlers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import (
    __version__,
    feed,
    generate,
    glossary,
    homepage,
    latex,
    listings,
    memory,
    navigation,
    page,
    parallel,
    parallel_write,
    sanitize,
    search,
    sitemap,
    xrefs,
)
from .config import KBConfig
from .domain import KBDomain, TaggedPage, get_domain
from .state import kb_state, reset_state
from .visitors import INLINE, SKIP, handlers

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def on_config_inited(app: Sphinx, config: Config) -> None:
    kb = KBConfig.from_sphinx(config)
    # sphinx-tags provides the {tags} directive and its settings; its tag pages
    # are generated here instead (only when they change, never toctree'ing articles).
    config.tags_create_tags = False
    config.tags_output_dir = kb.tags_dir
    config.tags_extension = ["md"]
    config.tags_create_badges = True
    templates = str(STATIC.parent / "templates")
    if templates not in config.templates_path:
        config.templates_path.append(templates)
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))


def on_builder_inited(app: Sphinx) -> None:
    reset_state(app)  # fresh state for every build
    generate.generate_sources(app)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Record cross-references, and pages tagged with sphinx-tags' own directive."""
    docname = app.env.docname
    article = page.is_article(app, docname)
    # Articles' term links are kept right by the glossary's own digests (any change
    # to the terms re-reads every article), which also saves work on large sites.
    xrefs.collect(app.env, docname, doctree, terms=not article)
    if article:
        return
    tags = app.env.metadata.get(docname, {}).get("tags")
    if not isinstance(tags, list) or not tags:
        return
    state = kb_state(app)
    if state.vocabulary_path is not None:
        # Aliases resolve these tags: a vocabulary edit must re-read the page.
        app.env.note_dependency(str(state.vocabulary_path))
    keys = state.vocabulary.keys(tags)
    section = doctree.next_node(nodes.section)
    title = section[0].astext() if section is not None and len(section) else docname
    get_domain(app.env).note_tagged(TaggedPage(docname, title, keys))


def setup(app: Sphinx) -> dict[str, Any]:
    KBConfig.register(app)
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    app.setup_extension("sphinx_tags")
    app.add_domain(KBDomain)
    time_html = (page.visit_kb_time_html, page.depart_kb_time_html)
    app.add_node(page.kb_time, **handlers(INLINE, html=time_html))
    app.add_node(page.kb_tag_badges, **handlers(INLINE))
    app.add_node(listings.kb_listing, **handlers(SKIP))
    app.add_directive("article-list", listings.ArticleListDirective)
    app.add_directive("kb-tag-page", listings.TagPageDirective)
    app.add_directive("kb-tag-overview", listings.TagOverviewDirective)
    app.add_directive("kb-tag-cloud", listings.TagCloudDirective)
    app.add_directive("kb-archive", listings.ArchiveDirective)
    app.add_directive("kb-archive-month", listings.ArchiveMonthDirective)
    app.add_transform(page.ArticleHeader)
    app.add_transform(sanitize.SanitizeRawHTML)
    app.connect("config-inited", on_config_inited)
    app.connect("config-inited", generate.leave_out_unreadable)
    app.connect("builder-inited", on_builder_inited)
    app.connect("source-read", page.on_source_read)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-purge-doc", listings.on_purge_doc)
    app.connect("env-get-outdated", homepage.on_env_get_outdated)
    app.connect("env-before-read-docs", generate.read_generated_last)
    app.connect("env-updated", listings.on_env_updated)
    app.connect("doctree-resolved", listings.on_doctree_resolved)
    app.connect("doctree-resolved", navigation.drop_sphinx_relations)
    app.connect("html-page-context", navigation.before_theme, priority=400)
    app.connect("html-page-context", navigation.on_html_page_context, priority=600)
    app.connect("html-page-context", page.on_html_page_context, priority=600)
    app.connect("build-finished", homepage.on_build_finished)
    app.connect("build-finished", feed.on_build_finished)
    app.connect("html-page-context", feed.on_html_page_context)
    # Each feature module wires its own events.
    for module in (glossary, latex, memory, parallel, parallel_write, search, sitemap):
        module.setup(app)
    app.add_css_file("sphinx-kb.css")
    return {
        "version": __version__,
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
