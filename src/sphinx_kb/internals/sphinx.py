"""Doors to Sphinx's private parts.  Each function says what it reads, the upstream
issue or PR, and when it can go."""

from __future__ import annotations

import inspect
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def builder_of(env: BuildEnvironment) -> Builder:
    """The builder, from a post-transform (which has only the environment).

    Sphinx 9 deprecated ``env.app`` and keeps ``env._app``; its own
    ``ReferencesResolver`` reads ``self.env._app.builder``.  Remove when
    post-transforms get the builder publicly (sphinx-doc/sphinx#13072, #14119)."""
    app = getattr(env, "_app", None)
    if app is None:
        app = env.app  # older and newer Sphinx: the public (deprecated) attribute
    return app.builder


def standard_terms(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """Glossary terms: lower-cased term -> (docname, anchor).

    ``StandardDomain._terms`` is what Sphinx's ``:term:`` role resolves against; the
    fallback rebuilds it from the public object inventory (``get_objects``), which
    gives the same targets.  No upstream issue asks for a public table yet; remove
    when the standard domain offers one."""
    terms = getattr(env.domains.standard_domain, "_terms", None)
    if _terms_shape(terms):
        return terms  # type: ignore[return-value]
    return terms_from_objects(env)


def terms_from_objects(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """The same table from the domain's public ``get_objects``."""
    found: dict[str, tuple[str, str]] = {}
    for name, _dispname, kind, docname, anchor, _prio in env.domains.standard_domain.get_objects():
        if kind == "term":
            found.setdefault(name.lower(), (docname, anchor))
    return found


def _terms_shape(terms: Any) -> bool:
    if not isinstance(terms, dict):
        return False
    sample = next(iter(terms.values()), ("", ""))
    return isinstance(sample, tuple) and len(sample) == 2


def doctree_cache(env: BuildEnvironment) -> dict[str, Any] | None:
    """The doctrees a serial build keeps from reading until writing
    (``env._write_doc_doctree_cache``); None when it is gone (nothing to drop).
    Remove if Sphinx stops keeping them (the cache: sphinx-doc/sphinx#11124, #11290)."""
    cache_ = getattr(env, "_write_doc_doctree_cache", None)
    return cache_ if isinstance(cache_, dict) else None


#: Per-page tables of the environment that a forked reader drops (``speed.parallel_read``).
PER_PAGE = ("titles", "longtitles", "tocs", "toc_num_entries", "metadata")


def per_page_tables(env: BuildEnvironment) -> list[dict[str, Any]] | None:
    """The environment's per-page tables, or None if one is missing or not a dict
    (a forked reader then keeps everything, as Sphinx does).  Remove when Sphinx's
    readers send back only their batch (sphinx-doc/sphinx#11448)."""
    tables = [getattr(env, name, None) for name in PER_PAGE]
    return tables if all(isinstance(t, dict) for t in tables) else None  # type: ignore[return-value]


@cache
def batch_writing_supported() -> bool:
    """Whether ``Builder.write_documents`` can be replaced by batch writers: the
    methods ``speed.parallel_write`` calls exist with the arguments it passes.
    Remove when Sphinx resolves pages in its write workers (sphinx-doc/sphinx#10779,
    PR #12433)."""
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.util.parallel import ParallelTasks, make_chunks

    try:
        resolve = inspect.signature(BuildEnvironment.get_and_resolve_doctree).parameters
        write = inspect.signature(Builder.write_documents).parameters
    except (AttributeError, TypeError, ValueError):
        return False
    return (
        {"docname", "builder", "tags"} <= resolve.keys()
        and list(write)[1:] == ["docnames"]
        and callable(getattr(Builder, "write_doc_serialized", None))
        and callable(ParallelTasks)
        and callable(make_chunks)
    )


def verbosity(builder: Builder) -> int:
    """The ``-v`` count, for ``status_iterator`` (``config.verbosity``, Sphinx 8.2+; 0
    without it: a quieter progress line, nothing else)."""
    return int(getattr(builder.config, "verbosity", 0))


def relations(builder: Builder) -> dict[str, Any] | None:
    """The builder's previous/next/parent table (``StandaloneHTMLBuilder.relations``),
    cleared so pages render none of them; None when it has another shape."""
    found = getattr(builder, "relations", None)
    return found if isinstance(found, dict) else None


#: Sphinx's ``ReferencesResolver.default_priority``: ``glossary.term_links.LinkTerms``
#: runs just before it (5), so it must stay above 5.
REFERENCES_RESOLVER_PRIORITY = 10


def references_resolver_priority() -> int:
    from sphinx.transforms.post_transforms import ReferencesResolver

    return int(ReferencesResolver.default_priority)


def js_stemmer(rawcode: str) -> tuple[str, str] | None:
    """Sphinx's minified JavaScript stemmer for a language (its ``js_stemmer_rawcode``):
    the code (the shared base and the language's own) and the stemmer's class name, or
    None when it cannot be found.

    Sphinx keeps these files in a private folder (``sphinx.search._MINIFIED_JS_PATH``)
    and joins them only for its own ``language_data.js``
    (``IndexBuilder.get_js_stemmer_code``, which needs a whole index builder).  The
    class name is read from the file, not made from the language's name, which is not
    always right (sphinx-doc/sphinx#14416).  No upstream issue asks for a public way;
    the fallback (None) makes the search index stem nothing, on both sides."""
    try:
        from sphinx.search import _MINIFIED_JS_PATH

        base = (_MINIFIED_JS_PATH / "base-stemmer.js").read_text(encoding="utf-8")
        code = (_MINIFIED_JS_PATH / rawcode).read_text(encoding="utf-8")
    except (ImportError, OSError):
        return None
    import re

    name = re.search(r"\b(\w+Stemmer)\s*=\s*function", code)
    if "BaseStemmer" not in base or name is None:
        return None
    return f"{base}\n{code}", name[1]
