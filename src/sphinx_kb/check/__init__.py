"""``kb check``: find what is wrong with a knowledge base without building it.

* ``project``: settings from conf.py, every source read once with the shared parser;
* ``markup``: a fast line scanner for directives, roles, links, raw HTML and prose;
* ``links`` and ``terms``: resolving targets, and the glossary package's terms;
* ``html``: what the build's sanitizer will remove from a raw HTML tag;
* ``context``: the project as the rules see it, with the pages the build generates;
* ``metadata``, ``targets`` and ``content``: the checks, on front matter and tags, on
  links, files and reachability, and on glossary terms, mojibake and raw HTML;
* ``rules``: runs every check; ``report``: the table and the JSON; ``command``: the CLI.
"""

from __future__ import annotations

from .report import Finding
from .rules import Result, check

__all__ = ["Finding", "Result", "check"]
