"""furo's sidebar markup.

furo post-processes every page's toctree HTML with BeautifulSoup
(``furo.navigation.get_navigation_tree``) to add its collapse checkboxes, and
renders the result from its private ``furo_navigation_tree`` context key.
``outputs.navigation`` writes that markup directly (saving the parse on every page)
and sets the key.  Whether the markup written is still the one furo would give is
checked once per process on a small tree (``markup_matches``); when it is not, or
with ``kb_fast_paths = False``, each page's plain tree goes through furo's own
function instead.  One deliberate difference: the checkboxes are plain checkboxes,
not ``role="switch"`` (a switch has no checked state a screen reader can name).
Remove when furo takes a ready-made tree (no upstream issue yet).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

#: Context key furo's ``page.html`` renders the sidebar from.
CONTEXT_KEY = "furo_navigation_tree"
#: What furo adds that sphinx-kb leaves out.
SWITCH = ' role="switch"'


def is_furo(theme: object) -> bool:
    return theme == "furo"


def furo_markup(plain_html: str) -> str | None:
    """What furo's own post-processing makes of a plain toctree (without the
    switch role); None when furo or its function is not there."""
    try:
        from furo.navigation import get_navigation_tree
    except ImportError:
        return None
    return get_navigation_tree(plain_html).replace(SWITCH, "")


@cache
def markup_matches(sample: Callable[[bool], str]) -> bool:
    """Whether ``sample(False)`` (the markup written directly) is what furo makes
    of ``sample(True)`` (the same tree, plain)."""
    return furo_markup(sample(True)) == sample(False)
