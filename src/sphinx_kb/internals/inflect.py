"""inflect, imported without typeguard's import-time cost.

inflect wraps its functions in typeguard's ``@typechecked``, which re-parses and
recompiles the module at import: a noticeable part of every clean build and every
``kb check``.  Its checks only reject arguments of the wrong type, and we pass
strings, so the import sees a no-op decorator (restored right after; an inflect
imported elsewhere is used as is).  Without typeguard, or when its decorator is not
where inflect takes it, inflect is imported as it is.  Remove when inflect stops
checking types at import (jaraco/inflect#212,
agronholm/typeguard#468)."""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any


def import_inflect(*, fast: bool = True) -> ModuleType:
    if fast and "inflect" not in sys.modules:
        try:
            import typeguard
        except ImportError:
            typeguard = None  # type: ignore[assignment]
        original = getattr(typeguard, "typechecked", None)
        if typeguard is not None and callable(original):
            typeguard.typechecked = _no_typecheck  # type: ignore[assignment]
            try:
                import inflect
            finally:
                typeguard.typechecked = original
    import inflect

    return inflect


def _no_typecheck(target: Any = None, **kwargs: Any) -> Any:
    return target if target is not None else _no_typecheck
