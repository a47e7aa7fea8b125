"""MyST markup written by the importer: fenced directives that nest, one-line
arguments, and the Pygments name of a code file's language."""

from __future__ import annotations

import re


def fence_for(text: str, minimum: int = 3) -> str:
    """A backtick fence longer than any fence inside ``text`` (so directives nest)."""
    runs = [len(m.group(1)) for m in re.finditer(r"^ {0,3}(`{3,})", text, re.M)]
    return "`" * max(minimum, max(runs, default=0) + 1)


def directive(name: str, argument: str, options: dict[str, str], body: str) -> str:
    fence = fence_for(body)
    head = f"{fence}{{{name}}}" + (f" {argument}" if argument else "")
    lines = [head, *(f":{key}: {value}" for key, value in options.items() if value)]
    if body.strip():
        lines += ["", body.strip("\n")] if options else [body.strip("\n")]
    return "\n".join([*lines, fence])


def one_line(text: str) -> str:
    return " ".join(text.split())


def language_of(file: str) -> str:
    """The Pygments name for a file's extension (``single.html`` -> ``html``), or ""."""
    if "." not in file:
        return ""
    from pygments.lexers import find_lexer_class_for_filename

    try:
        found = find_lexer_class_for_filename(file.rsplit("/", 1)[-1])
    except Exception:  # a malformed name: Pygments raises several kinds
        return ""
    return found.aliases[0] if found is not None and found.aliases else ""
