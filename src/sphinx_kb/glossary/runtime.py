"""The term set for this build, and keeping incremental builds equal to clean ones.

At ``builder-inited`` the glossary source is read (cached by mtime) and the
matcher built (cached per term set), before any article is read.  Two digests
are kept in the ``kb`` domain's data, which is pickled with the environment:

* the term set (every form and its target): when it changes, every article
  is re-read (``env-get-outdated``), because the links are made at read time;
* the hover texts: when a definition changes, every article is rewritten
  (``env-updated``), because tooltips are added at ``doctree-resolved``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ..config import KBConfig
from ..domain import get_domain
from .matcher import Matcher, matcher_for
from .terms import Glossary, read_glossary

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: Keys of the ``kb`` domain's data (global, not per document, so never cleared).
TERMS_DIGEST = "glossary_terms_digest"
TIPS_DIGEST = "glossary_tips_digest"


@dataclass
class GlossaryRuntime:
    glossary: Glossary
    matcher: Matcher
    #: Entry id -> hover text.
    tips: dict[str, str] = field(default_factory=dict)

    @property
    def terms_digest(self) -> str:
        return self.matcher.digest

    @property
    def tips_digest(self) -> str:
        digest = hashlib.sha1()
        for key in sorted(self.tips):
            digest.update(f"{key}\0{self.tips[key]}\n".encode())
        return digest.hexdigest()


def config_of(env: BuildEnvironment) -> KBConfig:
    # From the environment: transforms have no application (``SphinxTransform.app``
    # is deprecated).
    return KBConfig.from_sphinx(env.config)


def is_article_doc(config: KBConfig, docname: str) -> bool:
    return docname.startswith(config.articles_dir.rstrip("/") + "/")


def glossary_path(env: BuildEnvironment) -> Path:
    return Path(env.doc2path(config_of(env).glossary_doc))


def load(env: BuildEnvironment) -> GlossaryRuntime:
    config = config_of(env)
    glossary = read_glossary(glossary_path(env))
    matcher = matcher_for(glossary, config.glossary_exclude)
    tips = {entry.id: entry.summary for entry in glossary.entries}
    return GlossaryRuntime(glossary, matcher, tips)


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
    digest = f"{config_of(env).glossary_autolink}:{runtime(env).terms_digest}"
    if data.get(TERMS_DIGEST) == digest:
        return []
    data[TERMS_DIGEST] = digest
    return [d for d in _articles(env) if d not in added]


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rewrite every article when a hover text changed."""
    data = get_domain(env).data
    digest = runtime(env).tips_digest
    if data.get(TIPS_DIGEST) == digest:
        return []
    data[TIPS_DIGEST] = digest
    return sorted(get_domain(env).articles)
