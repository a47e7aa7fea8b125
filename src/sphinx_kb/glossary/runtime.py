"""The term set for this build, and keeping incremental builds equal to clean ones.

At ``builder-inited`` the glossary source is read (cached by mtime), before any
article is read.  The matcher (cached per term set) is built at
``env-get-outdated`` when articles are about to be read, so parallel readers
inherit it, and never in a build that reads no article.  Two digests are kept in
the ``kb`` domain's data, which is pickled with the environment:

* the term set (term lines, declared forms, exclusions, the mode and the version
  of the form rules): when it changes, every article is re-read
  (``env-get-outdated``), because the mentions behind the backlinks are found at
  read time;
* the hover texts: when a definition changes, every article is rewritten
  (``env-updated``), because tooltips are written with the page.

The forms made from a term set are cached in the environment too, so pages
rewritten without being read are linked without ``inflect``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from ..config import KBConfig
from ..environment.domain import get_domain
from .forms import FORMS_VERSION
from .matcher import Matcher, matcher_for
from .terms import Glossary, read_glossary, term_key

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: Keys of the ``kb`` domain's data (global, not per document, so never cleared).
TERMS_DIGEST = "glossary_terms_digest"
TIPS_DIGEST = "glossary_tips_digest"
#: (terms digest, forms table): an incremental build that reads an article reuses
#: the forms instead of importing ``inflect`` and inflecting every term again.
FORMS_CACHE = "glossary_forms"


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
    return KBConfig.from_sphinx(env.config)


def is_article_doc(config: KBConfig, docname: str) -> bool:
    return config.is_article(docname)


def glossary_path(env: BuildEnvironment) -> Path:
    return Path(env.doc2path(config_of(env).glossary_doc))


def load(env: BuildEnvironment) -> GlossaryRuntime:
    config = config_of(env)
    glossary = read_glossary(glossary_path(env))
    tips = {entry.id: entry.summary for entry in glossary.entries}
    return GlossaryRuntime(glossary, tuple(config.glossary_exclude), tips)


# Keyed by the environment, never stored on it (so never pickled); parallel readers
# and writers inherit it when they fork.
_RUNTIMES: WeakKeyDictionary[BuildEnvironment, GlossaryRuntime] = WeakKeyDictionary()


def runtime(env: BuildEnvironment) -> GlossaryRuntime:
    """This build's glossary."""
    current = _RUNTIMES.get(env)
    if current is None:
        current = _RUNTIMES[env] = load(env)
    return current


def on_config_inited(app: Sphinx, config: Config) -> None:
    # conf.py naturally gives a list; the default is a tuple.  Sphinx checks the types
    # in its own config-inited handler (priority 800), after this one.
    exclude = config.kb_glossary_exclude
    if isinstance(exclude, str):
        config.kb_glossary_exclude = (exclude,)
    elif isinstance(exclude, list | set | frozenset):
        config.kb_glossary_exclude = tuple(exclude)


def on_builder_inited(app: Sphinx) -> None:
    # Before any document is read: the glossary file may change between builds.
    _RUNTIMES[app.env] = load(app.env)


def _articles(env: BuildEnvironment) -> list[str]:
    config = config_of(env)
    return sorted(d for d in env.found_docs if is_article_doc(config, d))


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read every article when the set of terms or forms changed."""
    data = get_domain(env).data
    config = config_of(env)
    current = runtime(env)
    digest = f"{config.glossary_autolink}:{current.terms_digest}"
    outdated: list[str] = []
    if data.get(TERMS_DIGEST) != digest:
        data[TERMS_DIGEST] = digest
        outdated = [d for d in _articles(env) if d not in added]
    if config.glossary_autolink == "off":
        return outdated
    terms_digest = current.terms_digest
    cached = data.get(FORMS_CACHE)
    if cached is not None and cached[0] == terms_digest:
        # Articles rewritten but not read (their related lists changed, say) are
        # linked at write time: with these forms, not with inflect again.
        current.cached_table = cached[1]
    if outdated or any(is_article_doc(config, d) for d in (*added, *changed)):
        # Build the matcher now, in this process, so parallel readers inherit it
        # instead of each building their own.
        if current.cached_table is None:
            data[FORMS_CACHE] = (terms_digest, current.matcher.table)
        else:
            current.matcher  # noqa: B018 - made here, before readers fork
    return outdated


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rewrite every article when a hover text changed."""
    data = get_domain(env).data
    digest = runtime(env).tips_digest
    if data.get(TIPS_DIGEST) == digest:
        return []
    data[TIPS_DIGEST] = digest
    return sorted(get_domain(env).articles)
