"""How a parallel build (``-j N``) writes HTML pages: whole batches per worker.

Sphinx writes with N - 1 forked workers while the main process resolves every page
(``get_and_resolve_doctree``) and pickles it to a worker.
At ``-j 2`` that is one writer, fed by a main process that is as busy as it is;
a worker is only replaced when the main process next hands over a batch, so the
writer waits; and the main process runs ahead with every resolved page it has
not handed over yet, which sets the build's peak memory.

Here each of N forked workers resolves and writes a batch of pages on its own,
and sends back only what the main process needs afterwards: the images the batch
uses.  (Sphinx's own search index is not built with sphinx-kb: its own index is made
from the written pages at the end, see ``outputs/search``.)

The difference an extension can see: ``doctree-resolved`` runs in the workers, as
``html-page-context`` already does with Sphinx's own scheme.  An extension that
gathers data in ``doctree-resolved`` for later use in the main process needs
``kb_parallel_write = "sphinx"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from sphinx.builders import Builder
from sphinx.util import logging
from sphinx.util.build_phase import BuildPhase
from sphinx.util.display import status_iterator
from sphinx.util.parallel import ParallelTasks, make_chunks

from ..environment.state import kb_state
from ..internals import fast_paths
from ..internals.sphinx import batch_writing_supported, verbosity

if TYPE_CHECKING:
    from collections.abc import Sequence, Set

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: Builders whose pages are written one by one, with Sphinx's ``write_documents``.
BUILDERS = frozenset({"html", "dirhtml"})


@dataclass
class Batch:
    """What a worker sends back for the pages it wrote."""

    images: dict[str, str]


def write_page(builder: Builder, docname: str) -> None:
    """Resolve and write one page (``sphinx.builders._write_docname``)."""
    builder.phase = BuildPhase.RESOLVING
    doctree = builder.env.get_and_resolve_doctree(docname, builder=builder, tags=builder.tags)
    builder.phase = BuildPhase.WRITING
    builder.write_doc_serialized(docname, doctree)
    builder.write_doc(docname, doctree)


def write_batch(builder: Builder, docnames: list[str]) -> Batch:
    """In a worker: write ``docnames``, and return the images they use."""
    builder.images = {}
    for docname in docnames:
        write_page(builder, docname)
    return Batch(images=builder.images)


def merge_batch(builder: Builder, batch: Batch) -> None:
    builder.images.update(batch.images)


def write_in_batches(builder: Builder, docnames: Sequence[str], nproc: int) -> None:
    # The first page is written here, as Sphinx does: what is built lazily (the
    # templates, the listings' catalog) is then inherited by every worker.
    first, rest = docnames[0], list(docnames[1:])
    write_page(builder, first)
    if not rest:
        return
    chunks = make_chunks(rest, nproc)
    progress = status_iterator(
        chunks, "writing output... ", "darkgreen", len(chunks), verbosity(builder)
    )
    batches: dict[int, Batch] = {}

    def done(index: int, _chunk: list[str], batch: Batch) -> None:
        batches[index] = batch
        next(progress)

    tasks = ParallelTasks(nproc)
    for index, chunk in enumerate(chunks):
        tasks.add_task(partial(write_batch, builder), chunk, partial(done, index))
    tasks.join()
    logger.info("")
    # In page order, as a serial build would have met the images.
    for index in range(len(chunks)):
        merge_batch(builder, batches.pop(index))


def write_documents(app: Sphinx, builder: Builder, docnames: Set[str]) -> None:
    """``Builder.write_documents``, with workers that write whole batches."""
    nproc = app.parallel
    if builder.parallel_ok and nproc > 1 and len(docnames) > 1:
        write_in_batches(builder, sorted(docnames), nproc)
    else:
        Builder.write_documents(builder, docnames)


def on_builder_inited(app: Sphinx) -> None:
    builder = app.builder
    if kb_state(app).config.parallel_write != "batches" or app.parallel <= 1:
        return
    if not fast_paths(app) or not batch_writing_supported():
        return  # Sphinx's own writers
    # Only builders that write with Sphinx's own method (not singlehtml or epub).
    if builder.name in BUILDERS and type(builder).write_documents is Builder.write_documents:
        builder.write_documents = partial(write_documents, app, builder)  # type: ignore[method-assign]


def setup(app: Sphinx) -> None:
    # After ``reset_state`` (extension.on_builder_inited) has made this build's state.
    app.connect("builder-inited", on_builder_inited, priority=800)
