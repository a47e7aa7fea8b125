"""The directives that read files or URLs while the site is built, confined by
:mod:`.confine`: ``include``, ``literalinclude`` (and ``:diff:``), ``csv-table`` and
``raw`` (``:file:``, ``:url:``), in MyST pages, rST pages and ``{eval-rst}`` alike.

Each is a subclass of the directive Sphinx registers, checking before the read;
a refused read gives one warning naming the file and line, and the directive gives
nothing (the build goes on).  An allowed ``:url:`` is fetched here, capped, and
handed to the directive as its content, so docutils never opens the URL itself.

MyST runs ``{include}`` through its own ``MockIncludeDirective``, not the
directive's ``run``: that one method is wrapped, in :func:`_guard_myst_include`
(guarded, with a canary test: tests/articles/test_confine.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst.directives.misc import Raw
from docutils.parsers.rst.directives.tables import CSVTable
from docutils.statemachine import StringList
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.util import logging

from ..config import KBConfig
from . import confine

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def _warn(env: BuildEnvironment, source: str | None, line: int | None, text: str) -> None:
    location = (env.docname, line) if not source else f"{source}:{line}" if line else source
    logger.warning(text, location=location, type="kb", subtype="unsafe-read")


def check_file(
    env: BuildEnvironment,
    name: str,
    target: str,
    docdir: Path,
    where: tuple[str | None, int | None],
) -> bool:
    """Whether directive ``name`` may read ``target``; warns once when it may not."""
    target = target.strip()
    if name == "include" and target.startswith("<") and target.endswith(">"):
        return True  # docutils' own entity sets (isonum.txt ...): part of docutils
    srcdir = Path(env.srcdir)
    path = confine.resolve(name, target, docdir, srcdir)
    reason = confine.judge_file(path, srcdir)
    if reason:
        _warn(env, *where, confine.message(name, target, reason))
        # The refusal depends on the file (one shrunk below the cap, say): when it
        # changes, the page is read again, as an incremental build must.
        env.note_dependency(str(path))
    return not reason


class _Confined:
    """What the confined docutils directives share: where they are, and the checks."""

    name: str
    lineno: int
    options: dict[str, Any]
    content: StringList
    state: Any
    state_machine: Any

    def _env(self) -> BuildEnvironment:
        return self.state.document.settings.env

    def _where(self) -> tuple[str | None, int | None]:
        try:
            return self.state_machine.get_source_and_line(self.lineno)
        except Exception:  # MyST's mock state machine may not map every line
            return None, self.lineno

    def _docdir(self) -> Path:
        document = self.state.document
        return Path(document.current_source or document["source"]).absolute().parent

    def _allowed(self) -> bool:
        env = self._env()
        file = self.options.get("file")
        if file is not None and not check_file(env, self.name, file, self._docdir(), self._where()):
            return False
        if "url" in self.options:
            url = self.options["url"]
            hosts = KBConfig.from_sphinx(env.config).allowed_fetch_hosts
            try:
                data = confine.fetch(url, hosts)
            except confine.FetchError as exc:
                _warn(env, *self._where(), confine.message(self.name, url, str(exc)))
                return False
            encoding = self.options.get("encoding", "utf-8-sig")
            text = data.decode(encoding, errors="replace")
            self.content = StringList(text.splitlines(), source=url)
            del self.options["url"]
        return True


class ConfinedRaw(_Confined, Raw):
    def run(self) -> list[nodes.Node]:
        return super().run() if self._allowed() else []


class ConfinedCSVTable(_Confined, CSVTable):
    def run(self) -> list[nodes.Node]:
        return super().run() if self._allowed() else []


class ConfinedInclude(Include):
    def run(self) -> list[nodes.Node]:
        where = self.state_machine.get_source_and_line(self.lineno)
        # Sphinx reads a relative path from the page's folder (env.relfn2path).
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        if not check_file(self.env, "include", self.arguments[0], docdir, where):
            return []
        return super().run()


class ConfinedLiteralInclude(LiteralInclude):
    def run(self) -> list[nodes.Node]:
        where = self.get_source_info()
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        targets = [self.arguments[0]] + ([self.options["diff"]] if "diff" in self.options else [])
        for target in targets:
            if not check_file(self.env, "literalinclude", target, docdir, where):
                return []
        return super().run()


def _guard_myst_include() -> bool:
    """Confine MyST's ``{include}``, which never calls the directive's ``run``."""
    try:
        from myst_parser.mocking import MockIncludeDirective
    except ImportError:
        return False  # no MyST, no MyST include to confine
    original = MockIncludeDirective.run
    if getattr(original, "_kb_confined", False):
        return True

    def run(self: Any) -> list[nodes.Element]:
        env = getattr(self.document.settings, "env", None)
        if env is not None and self.arguments:
            target = "".join(s.strip() for s in self.arguments[0].splitlines())
            docdir = Path(self.document["source"]).absolute().parent
            where = (self.document["source"], self.lineno)
            if not check_file(env, "include", target, docdir, where):
                return []
        return original(self)

    run._kb_confined = True  # type: ignore[attr-defined]
    MockIncludeDirective.run = run  # type: ignore[method-assign]
    return True


def setup(app: Sphinx) -> None:
    app.add_directive("include", ConfinedInclude, override=True)
    app.add_directive("literalinclude", ConfinedLiteralInclude, override=True)
    app.add_directive("csv-table", ConfinedCSVTable, override=True)
    app.add_directive("raw", ConfinedRaw, override=True)
    _guard_myst_include()
