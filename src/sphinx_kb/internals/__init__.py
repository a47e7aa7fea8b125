"""Every place sphinx-kb reaches into another package's private parts, one module per
package, each a door that checks the part is there (and has the shape it relies on)
and falls back to the package's own public behaviour when it is not: never a crash,
never a silently different site.  Each door names the upstream issue or PR that would
make it unnecessary, and when to remove it.  ``tests/internals/`` holds a canary per
door that fails the moment the internal changes shape.

- ``sphinx``: ``env._app``; ``StandardDomain._terms``; ``env._write_doc_doctree_cache``;
  the per-page tables a forked reader drops; ``Builder.write_documents``,
  ``get_and_resolve_doctree(tags=)`` and ``write_doc_serialized`` (batch ``-j`` writers);
  ``builder.relations``; the priority of Sphinx's ``ReferencesResolver``.
- ``furo``: furo's sidebar markup (``get_navigation_tree``) and its
  ``furo_navigation_tree`` context key.
- ``sitemap``: sphinx-sitemap's queue of ``(link, last modified)`` on the application.
- ``sphinx_tags``: sphinx-tags' ``Entry`` (tags of a page using its ``{tags}`` directive).
- ``myst``: MyST's ``MockIncludeDirective.run``, wrapped so ``{include}`` is confined
  before it reads (security, not a fast path: ``kb_fast_paths`` leaves it on).
- ``opengraph``: the ``<meta>`` tags sphinxext-opengraph leaves in ``metatags``, found by
  their parsed attributes; its import made quiet.
- ``inflect``: typeguard's ``typechecked``, made a no-op while inflect is imported.

``kb_fast_paths = False`` turns every fast path off: each door then takes its fallback,
and the site is the same, byte for byte (``tests/internals/test_fast_paths.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def fast_paths(app: Sphinx) -> bool:
    """Whether the build may take the fast paths (``kb_fast_paths``)."""
    return bool(getattr(app.config, "kb_fast_paths", True))
