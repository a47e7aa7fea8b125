"""Generated source pages (see ``plan``) written into the project, and the scan behind them.

They are written at ``builder-inited`` (before Sphinx looks for documents), only
when their text changes, so a build with nothing changed re-reads none of them;
pages no longer planned are removed (only ours: they carry a marker).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx.util import logging

from ..articles.prescan import ScanEntry, pages_using_tags_directive, scan
from ..config import KBConfig
from ..environment.state import kb_state
from ..fileio import write_if_changed
from ..problems import log_problem
from ..tags.vocabulary import load_vocabulary
from .plan import MARKER, plan_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def missing_articles_folder(articles_dir: str) -> str:
    """The build's and ``kb check``'s words for a ``kb_articles_dir`` that is not there."""
    return (
        f"the articles folder {articles_dir} does not exist (kb_articles_dir): "
        "the site has no articles"
    )


def generate_sources(app: Sphinx) -> None:
    state = kb_state(app)
    config = state.config
    srcdir = Path(app.srcdir)
    if not (srcdir / config.articles_dir).is_dir():
        logger.warning(
            missing_articles_folder(config.articles_dir),
            location=f"{srcdir / config.articles_dir}:",
            type="kb",
            subtype="articles-missing",
        )
    if config.tag_vocabulary:
        state.vocabulary_path = srcdir / config.tag_vocabulary
        state.vocabulary = load_vocabulary(state.vocabulary_path)
        for problem in state.vocabulary.problems:
            # A string location (a tuple would be read as a docname).
            log_problem(problem, path=str(state.vocabulary_path))
    entries = [e for e in _SCANS.pop(app, None) or _scan(app, config) if not e.unreadable]
    plan = plan_pages(entries, state.vocabulary, config, app.config.language)
    state.slugs = plan.slugs
    for message in plan.collisions:
        logger.warning(
            # "path:" (Sphinx's form for a file without a line): a location without ":"
            # would be taken for a docname.
            message,
            location=f"{srcdir / config.tags_dir}:",
            type="kb",
            subtype="tag-collision",
        )
    wanted = {srcdir / f"{name}.md": text for name, text in plan.pages.items()}
    _sync(wanted, (srcdir / config.tags_dir, srcdir / config.archive_dir))


#: The scan made at ``config-inited``, used again at ``builder-inited`` of the same build.
_SCANS: WeakKeyDictionary[Sphinx, list[ScanEntry]] = WeakKeyDictionary()


def _scan(app: Sphinx, config: KBConfig) -> list[ScanEntry]:
    srcdir = Path(app.srcdir)
    generated = (config.articles_dir, config.tags_dir, config.archive_dir)
    others = pages_using_tags_directive(srcdir, generated)
    return scan(srcdir, config.articles_dir, Path(app.doctreedir) / "kb-scan.json", others)


def leave_out_unreadable(app: Sphinx, config: Config) -> None:
    """Leave articles Sphinx cannot decode out of the build, naming each one.

    Sphinx stops the whole build on one file that is not UTF-8.  Done at
    ``config-inited`` (before the saved environment is compared with the
    configuration), so an unchanged bad file does not force a full re-read.
    """
    srcdir = Path(app.srcdir)
    entries = _SCANS[app] = _scan(app, KBConfig.from_sphinx(config))
    for entry in entries:
        if not entry.unreadable:
            continue
        path = srcdir / f"{entry.docname}.md"
        logger.warning(
            "%s; left out of the build (kb import repairs the encoding)",
            entry.unreadable,
            location=f"{path}:{entry.unreadable_line}",
            type="kb",
            subtype="encoding",
        )
        pattern = f"{entry.docname}.md"
        if pattern not in config.exclude_patterns:
            config.exclude_patterns.append(pattern)


def _sync(wanted: dict[Path, str], folders: tuple[Path, ...]) -> None:
    """Write what changed; remove generated pages no longer wanted (only ours)."""
    for path, text in wanted.items():
        write_if_changed(path, text)
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*.md"):
            if path in wanted:
                continue
            try:
                head = path.read_text(encoding="utf-8")[:300]
            except (OSError, UnicodeDecodeError):
                continue
            if MARKER in head:
                path.unlink()


def read_generated_last(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Read the generated archive and tag pages after the articles they list.

    Sphinx reads in name order, so ``docs/archive/`` came before ``docs/articles/``,
    and its year pages' toctrees filled the map of included files first.  Sphinx's
    toctree collector scans that whole map for every page it reads, which made a
    clean build quadratic.  Any order gives the same
    site (a parallel build reads in chunks anyway).
    """
    config = kb_state(app).config
    late = (f"{config.archive_dir}/", f"{config.tags_dir}/")
    docnames.sort(key=lambda d: d.startswith(late) or d == app.config.root_doc)
