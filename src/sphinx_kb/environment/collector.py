"""Incremental bookkeeping in one place: what to re-read and what to rewrite.

Sphinx re-reads a page when its source or a noted dependency changed, and writes
the pages it read.  A knowledge base has more dependencies than that: a tag page
lists articles it does not include, an article shows related articles, the
glossary lists who mentions each term.  :class:`KBCollector` is an
``EnvironmentCollector``, as Sphinx's own concerns are, and owns every decision:

* ``get_outdated_docs`` (before reading): every article is re-read when the set of
  glossary terms or their forms changed, since mentions are found at read time;
  removed pages are noted so their output is deleted (``outputs.stale``).
* ``get_updated_docs`` (after reading): pages to rewrite without re-reading them
  — those whose listings now evaluate differently, whose cross-references
  resolve differently, or every article when a glossary hover text changed.

The contract: an incremental build writes exactly the pages whose output would
differ from the last build's, so it gives the same site as a clean build.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from sphinx.environment.collectors import EnvironmentCollector

from ..glossary.runtime import runtime
from ..listings.catalog import catalog_for
from ..listings.listing_types import KINDS, Options
from . import xrefs
from .domain import KBDomain, get_domain

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..listings.catalog import Catalog


def fingerprint(value: Any) -> str:
    return hashlib.sha1(repr(value).encode("utf-8")).hexdigest()


class KBCollector(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        get_domain(env).build.touched.add(docname)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        pass  # the domain merges its own data

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        pass  # the domain collects its own data (KBDomain.process_doc)

    def get_outdated_docs(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        domain = get_domain(env)
        domain.build.removed.update(removed)
        if domain.build.interrupted:  # see ``interrupted``
            return sorted(env.found_docs - added)
        return glossary_rereads(env, domain, added)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        domain = get_domain(env)
        build = domain.build
        build.catalog = None  # made again from what was just read
        changed = glossary_rewrites(env, domain)
        if build.touched:  # nothing read or removed: no listing or target changed
            build.touched.clear()
            changed |= listing_rewrites(app, domain) | xref_rewrites(env, domain)
        return sorted(changed)


def glossary_rereads(env: BuildEnvironment, domain: KBDomain, added: set[str]) -> list[str]:
    """Every article, when the term set (or the auto-linking mode) changed."""
    config = domain.build.config
    digest = f"{config.glossary_autolink}:{runtime(env).terms_digest}"
    if domain.data["glossary_terms_digest"] == digest:
        return []
    domain.data["glossary_terms_digest"] = digest
    return sorted(d for d in env.found_docs if config.is_article(d) and d not in added)


def glossary_rewrites(env: BuildEnvironment, domain: KBDomain) -> set[str]:
    """Every article, when a hover text changed (tips are written with the page)."""
    digest = runtime(env).tips_digest
    if domain.data["glossary_tips_digest"] == digest:
        return set()
    domain.data["glossary_tips_digest"] = digest
    return set(domain.articles)


def listing_inputs(catalog: Catalog, domain: KBDomain) -> dict[str, str]:
    """A fingerprint of each input listings depend on (see ``Kind.uses``)."""
    vocabulary = catalog.vocabulary
    return {
        "articles": fingerprint(
            (
                catalog.articles,
                catalog.tagged,
                sorted(catalog.slugs.items()),
                sorted(vocabulary.tags.items()),
                sorted(vocabulary.aliases.items()),
            )
        ),
        "mentions": fingerprint(sorted(domain.mentions.items())),
    }


def page_listings(domain: KBDomain, docname: str) -> list[tuple[str, Options]]:
    """The listings a page shows: those placed on it, and an article's own."""
    specs = [(kind, dict(items)) for kind, items in domain.listings.get(docname, [])]
    if docname in domain.articles:
        specs.append(("article-page", {"related": domain.build.config.related_count}))
    return [(kind, opts) for kind, opts in specs if kind in KINDS]


def listing_rewrites(app: Sphinx, domain: KBDomain) -> set[str]:
    """Pages whose listings evaluate differently from when they were last written.

    Listings are re-evaluated only where their inputs changed: after a body edit
    the catalog is the same, so no page's related articles are worked out again
    (that is quadratic in the number of articles).
    """
    catalog = catalog_for(app)
    inputs = listing_inputs(catalog, domain)
    changed_inputs = {k for k, v in inputs.items() if domain.data["inputs"].get(k) != v}
    domain.data["inputs"] = inputs
    changed: set[str] = set()
    for docname in sorted(set(domain.listings) | set(domain.articles)):
        specs = page_listings(domain, docname)
        fresh = docname not in domain.digests  # read in this build, or new
        if not fresh and not any(KINDS[kind].uses & changed_inputs for kind, _ in specs):
            continue
        digest = fingerprint(
            [(kind, KINDS[kind].evaluate(catalog, docname, opts)) for kind, opts in specs]
        )
        if domain.digests.get(docname) != digest:
            domain.digests[docname] = digest
            changed.add(docname)
    return changed


def xref_rewrites(env: BuildEnvironment, domain: KBDomain) -> set[str]:
    """Pages whose cross-references now resolve to another place or text."""
    changed: set[str] = set()
    digests = domain.data["xref_digests"]
    for docname, refs in domain.data["xrefs"].items():
        digest = fingerprint(xrefs.resolved(env, refs))
        if digests.get(docname) != digest:
            digests[docname] = digest
            changed.add(docname)
    return changed
