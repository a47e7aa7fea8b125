"""Cross-references whose targets live on other pages, kept right on incremental builds.

Sphinx resolves ``{ref}``, ``{term}``, ``{doc}`` and ``{numref}`` when it writes a page,
but only rewrites pages that were re-read, so a page keeps a stale link (or link
text) when the label, term or title it points at moves or disappears elsewhere.
Each page's references are recorded at read time; after reading, what they
resolve to is folded into the page's listing digest, so a page is rewritten exactly
when one of its targets changed.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

Xref = tuple[str, str]  # (reftype, target)
_STD_TYPES = frozenset({"ref", "numref", "term", "doc", "keyword", "option"})


def collect(docname: str, doctree: nodes.document, *, terms: bool = True) -> tuple[Xref, ...]:
    """``docname``'s references; ``terms=False`` where the glossary tracks them."""
    found: set[Xref] = set()
    for ref in doctree.findall(addnodes.pending_xref):
        reftype = str(ref.get("reftype", ""))
        if reftype == "term" and not terms:
            continue
        target = str(ref.get("reftarget") or "")
        if ref.get("refdomain") in ("std", "") and reftype in _STD_TYPES:
            if reftype == "doc":
                base = posixpath.dirname(docname)
                target = target[1:] if target.startswith("/") else posixpath.join(base, target)
                target = posixpath.normpath(target)
            found.add((reftype, target))
    return tuple(sorted(found))


def resolved(env: BuildEnvironment, xrefs: tuple[Xref, ...]) -> tuple[Any, ...]:
    """What each reference points at now: page, anchor and the text a link would show."""
    std = env.domaindata["std"]
    out: list[Any] = []
    for reftype, target in xrefs:
        if reftype in ("ref", "numref"):
            key = target.lower()
            out.append((target, std["labels"].get(key), std["anonlabels"].get(key)))
        elif reftype == "term":
            out.append((target, std["objects"].get(("term", target.lower()))))
        elif reftype == "doc":
            title = env.titles.get(target)
            out.append((target, target in env.all_docs, title.astext() if title else ""))
        else:
            out.append((reftype, target, std["objects"].get((reftype, target))))
    return tuple(out)


def note_link_dependencies(env: Any, docname: str, document: nodes.document) -> None:
    """Make the pages this page links to its dependencies.

    Sphinx re-reads a page only when its file or a dependency changes, so a link to
    an article that is later removed stayed live (and one to an article added later
    stayed broken) until a clean build.  A missing dependency makes Sphinx re-read
    the page, so both cases now give what a clean build gives.  (``{doc}`` roles need
    no re-read: the collector rewrites the page when their target changes.)
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
