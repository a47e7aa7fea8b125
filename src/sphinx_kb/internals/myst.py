"""MyST's ``{include}``.

MyST parses ``{include}`` in Markdown pages with its own ``MockIncludeDirective``
(``myst_parser.mocking``), which reads the file itself: the ``include`` directive
registered with Sphinx never runs, so confining that one does not confine MyST's.
``guard_include`` wraps ``MockIncludeDirective.run`` with a check that runs before
the read.  Security, not speed: ``kb_fast_paths`` does not turn it off.

When MyST's class is not there or has no ``run``, nothing is wrapped and the
fallback is the read-time check of ``articles.sanitize`` (content whose source
lies outside the project is taken out again, with a warning): the file is read
but never published.  Remove when MyST emits Sphinx's ``include-read`` event for
its includes (executablebooks/MyST-Parser#881) or runs the registered directive.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

#: Decides whether an include may be read: (env, target, source file, line) -> allowed.
IncludeCheck = Callable[[Any, str, str, int | None], bool]


def include_class() -> type | None:
    """MyST's include directive class, when it has the shape wrapped here."""
    try:
        from myst_parser.mocking import MockIncludeDirective
    except ImportError:
        return None
    return MockIncludeDirective if callable(getattr(MockIncludeDirective, "run", None)) else None


def guard_include(check: IncludeCheck) -> bool:
    """Run ``check`` before MyST reads an included file; False when not possible."""
    cls = include_class()
    if cls is None:
        return False
    original = cls.run
    if getattr(original, "_kb_confined", False):
        return True

    @functools.wraps(original)
    def run(self: Any) -> list[Any]:
        document = getattr(self, "document", None)
        env = getattr(getattr(document, "settings", None), "env", None)
        arguments = getattr(self, "arguments", None)
        if env is not None and arguments:
            target = "".join(s.strip() for s in arguments[0].splitlines())
            if not check(env, target, document["source"], getattr(self, "lineno", None)):
                return []
        return original(self)

    run._kb_confined = True  # type: ignore[attr-defined]
    cls.run = run  # type: ignore[method-assign]
    return True
