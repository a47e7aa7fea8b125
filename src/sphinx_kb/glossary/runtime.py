"""The term set for this build, and keeping incremental builds equal to clean ones.

At ``builder-inited`` the glossary source is read (cached by mtime), before any
article is read.  The matcher (cached per term set) is built at
``env-before-read-docs`` when articles are about to be read, so parallel readers
inherit it, and never in a build that reads no article.  The digests of the term
set and of the hover texts tell the collector (``environment.collector``) when
every article must be re-read or rewritten.

The forms made from a term set are cached in the ``kb`` domain's data too (pickled
with the environment), so pages rewritten without being read are linked without
``inflect``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import KBConfig
from ..environment.domain import get_domain
from ..environment.state import kb_config, kb_state
from .forms import FORMS_VERSION
from .matcher import Matcher, matcher_for
from .terms import Glossary, read_glossary, term_key

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass
class GlossaryRuntime:
    glossary: Glossary
    #: ``kb_glossary_exclude``, as given.
    exclude: tuple[str, ...] = ()
    #: Entry id -> hover text.
    tips: dict[str, str] = field(default_factory=dict)

    #: A matcher made from the forms table cached in the environment, if any.
    cached: Matcher | None = None

    #: The forms table cached in the environment for this term set, if any.
    cached_table: Any = None

    @property
    def matcher(self) -> Matcher:
        """Built on first use, from the environment's cached forms when it has them:
        ``inflect`` and inflecting every term take time, and a build that reads and
        writes no article never needs a matcher."""
        if self.cached is None and self.cached_table is not None:
            self.cached = Matcher(self.cached_table)
        if self.cached is not None:
            return self.cached
        return matcher_for(self.glossary, self.exclude)

    @property
    def terms_digest(self) -> str:
        """A digest of everything the matcher is made from (not of the matcher itself,
        so deciding what to re-read does not need ``inflect``)."""
        digest = hashlib.sha1(f"{FORMS_VERSION}\0{_inflect_version()}\n".encode())
        for name in sorted(term_key(n) for n in self.exclude):
            digest.update(f"exclude\0{name}\n".encode())
        for entry in self.glossary.entries:
            digest.update(("\0".join(entry.terms) + "\0\0" + "\0".join(entry.forms)).encode())
            digest.update(b"\n")
        return digest.hexdigest()

    @property
    def tips_digest(self) -> str:
        digest = hashlib.sha1()
        for key in sorted(self.tips):
            digest.update(f"{key}\0{self.tips[key]}\n".encode())
        return digest.hexdigest()


def _inflect_version() -> str:
    try:
        return version("inflect")
    except PackageNotFoundError:  # pragma: no cover - inflect is a dependency
        return ""


def config_of(env: BuildEnvironment) -> KBConfig:
    # From the environment: transforms have no application (``SphinxTransform.app``
    # is deprecated).
    return kb_config(env)


def glossary_path(env: BuildEnvironment) -> Path:
    return Path(env.doc2path(config_of(env).glossary_doc))


def load(env: BuildEnvironment) -> GlossaryRuntime:
    config = config_of(env)
    glossary = read_glossary(glossary_path(env))
    tips = {entry.id: entry.summary for entry in glossary.entries}
    current = GlossaryRuntime(glossary, tuple(config.glossary_exclude), tips)
    cached = get_domain(env).data["glossary_forms"]
    if cached is not None and cached[0] == current.terms_digest:
        # Articles rewritten but not read (their related lists changed, say) are
        # linked at write time: with these forms, not with inflect again.
        current.cached_table = cached[1]
    return current


def runtime(env: BuildEnvironment) -> GlossaryRuntime:
    """This build's glossary (kept with the build's state; forked workers inherit it)."""
    state = kb_state(env)
    if state.glossary is None:
        state.glossary = load(env)
    return state.glossary


def on_builder_inited(app: Sphinx) -> None:
    # Before any document is read: the glossary file may change between builds.
    kb_state(app).glossary = load(app.env)


def prepare_matcher(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Build the matcher before articles are read, in this process, so parallel
    readers inherit it instead of each building their own."""
    config = config_of(env)
    if config.glossary_autolink == "off" or not any(config.is_article(d) for d in docnames):
        return
    current = runtime(env)
    if current.cached_table is None:
        get_domain(env).data["glossary_forms"] = (current.terms_digest, current.matcher.table)
    else:
        current.matcher  # noqa: B018 - made here, before readers fork
