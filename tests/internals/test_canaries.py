"""Canaries: each fails the moment an internal that ``sphinx_kb.internals`` relies on
changes shape, so a new release of Sphinx, furo, sphinx-sitemap, sphinx-tags or
inflect breaks a test here instead of the site.  (Each door also checks at run time
and falls back; these tests say which door to look at.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sphinx_kb.glossary.term_links import LinkTerms
from sphinx_kb.internals import furo, sitemap
from sphinx_kb.internals import sphinx as sphinx_doors
from sphinx_kb.internals.sphinx_tags import page_tags
from sphinx_kb.outputs.navigation import sample_tree

GLOSSARY = """\
Home
====

.. glossary::

   Antibody
   Antibodies
      A protein.

   T cell
      A white blood cell.

See :term:`antibody`.
"""


@pytest.fixture(scope="module")
def plain_build(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A real build of a tiny project with a glossary and sphinx-sitemap, whose
    sitemap queue is looked at just before sphinx-sitemap reads it."""
    src = tmp_path_factory.mktemp("canary")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_sitemap"]\nhtml_baseurl = "https://example.org/"\n',
        encoding="utf-8",
    )
    (src / "index.rst").write_text(GLOSSARY, encoding="utf-8")
    (src / "other.rst").write_text("Other\n=====\n\nText.\n", encoding="utf-8")
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    queued: list[Any] = []

    def peek(app: Any, exception: Any) -> None:
        links = sitemap.links_queue(app)
        assert links is not None, "sphinx-sitemap's queue is gone or has other methods"
        while not links.empty():
            queued.append(links.get())
        for entry in queued:
            links.put(entry)

    app.connect("build-finished", peek, priority=450)  # sphinx-sitemap writes at 500
    try:
        app.build()
    finally:
        app.cleanup()
    app.queued = queued
    return app


def test_env_keeps_the_application_at_env_app(plain_build: Any) -> None:
    assert getattr(plain_build.env, "_app", None) is plain_build
    assert sphinx_doors.builder_of(plain_build.env) is plain_build.builder


def test_standard_domain_terms_table_has_the_shape_read(plain_build: Any) -> None:
    terms = plain_build.env.domains.standard_domain._terms
    assert sphinx_doors._terms_shape(terms)
    assert set(terms) == {"antibody", "antibodies", "t cell"}
    # The fallback gives the same targets from the public inventory.
    assert sphinx_doors.terms_from_objects(plain_build.env) == terms
    assert sphinx_doors.standard_terms(plain_build.env) is terms


def test_serial_builds_cache_doctrees_on_the_environment(plain_build: Any) -> None:
    assert sphinx_doors.doctree_cache(plain_build.env) is not None


def test_environment_per_page_tables_are_dicts(plain_build: Any) -> None:
    tables = sphinx_doors.per_page_tables(plain_build.env)
    assert tables is not None
    titles = dict(zip(sphinx_doors.PER_PAGE, tables, strict=True))["titles"]
    assert set(titles) == {"index", "other"}


def test_builder_methods_the_batch_writers_call() -> None:
    assert sphinx_doors.batch_writing_supported()


def test_builder_relations_table(plain_build: Any) -> None:
    assert sphinx_doors.relations(plain_build.builder) is not None


def test_link_terms_runs_before_sphinxs_references_resolver() -> None:
    resolver = sphinx_doors.references_resolver_priority()
    assert resolver == sphinx_doors.REFERENCES_RESOLVER_PRIORITY
    assert LinkTerms.default_priority < resolver


def test_sphinx_sitemap_queues_link_and_date_pairs(plain_build: Any) -> None:
    assert plain_build.queued, "sphinx-sitemap queued nothing"
    for entry in plain_build.queued:
        assert isinstance(entry, tuple) and len(entry) == 2, entry
        assert sitemap.item(entry) is not None
    assert {e[0] for e in plain_build.queued} >= {"index.html", "other.html"}


def test_furo_writes_the_sidebar_markup_we_write() -> None:
    from furo.navigation import get_navigation_tree  # noqa: F401 - the function is there

    assert furo.markup_matches(sample_tree)


def test_furo_renders_the_sidebar_from_its_context_key() -> None:
    import furo as furo_package

    theme = Path(furo_package.__file__).parent / "theme" / "furo"
    templates = "".join(p.read_text(encoding="utf-8") for p in theme.rglob("*.html"))
    assert furo.CONTEXT_KEY in templates


def test_sphinx_tags_entry_reads_a_pages_tags(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Page\n\n```{tags} cancer, t cells\n```\n\nText.\n", encoding="utf-8")
    assert page_tags(page) == ("cancer", "t cells")


def test_inflect_imports_with_typeguards_decorator_put_back() -> None:
    code = (
        "import typeguard; before = typeguard.typechecked\n"
        "from sphinx_kb.internals.inflect import import_inflect\n"
        "engine = import_inflect().engine()\n"
        "assert typeguard.typechecked is before\n"
        # inflect still takes typeguard's decorator at import (the door's premise).
        "import inflect, inspect; assert 'typechecked' in inspect.getsource(inflect)\n"
        "print(engine.plural_noun('antibody'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "antibodies"


def test_myst_reads_includes_in_mock_include_directive_run() -> None:
    # MyST runs {include} through MockIncludeDirective.run, not the registered
    # directive; if it renames or reshapes it, this fails instead of the guard going
    # quiet (the sanitizer's read-time check still keeps the content off the page).
    import inspect

    from myst_parser.mocking import MockIncludeDirective

    from sphinx_kb.internals import myst

    assert myst.include_class() is MockIncludeDirective
    run = getattr(MockIncludeDirective.run, "__wrapped__", MockIncludeDirective.run)
    assert list(inspect.signature(run).parameters) == ["self"]


def test_tag_slugs_follow_sphinx_tags_own_rule() -> None:
    # tags.vocabulary.base_slug writes sphinx-tags' slug rule again (its
    # _normalize_tag is private); if sphinx-tags changes the rule, page names and the
    # {tags} directive's links part ways and this fails.
    from sphinx_tags import _normalize_tag

    from sphinx_kb.tags.vocabulary import base_slug

    for tag in ("Immune system", "COVID-19", "T cells", "Ärzte & Pflege", "a_b", " x  y "):
        assert base_slug(tag) == _normalize_tag(tag, dashes=True), tag
