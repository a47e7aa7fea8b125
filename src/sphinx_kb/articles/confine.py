"""Which files and URLs a directive may read while the site is built: one rule for
the build (:mod:`.confine_directives`) and ``kb check``.

A directive that reads a file (``include``, ``literalinclude`` and its ``:diff:``,
``csv-table`` and ``raw`` ``:file:``) may read a regular file inside the source
folder (after symlinks) of at most :data:`MAX_BYTES`.  ``:url:`` is fetched only from
a host listed in ``kb_allowed_fetch_hosts``, over http(s), with a timeout and the
same size cap.  Anything else is refused: ``/proc/self/environ`` would publish the
build's secrets, ``/dev/zero`` would grow memory without bound, a FIFO would block
the build, and a URL fetch is a request forgery from the build machine.
"""

from __future__ import annotations

import stat
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from ..fileio import is_within

#: Largest file or download a directive may read.
MAX_BYTES = 5 * 1024 * 1024
#: Seconds a fetch may take to answer.
FETCH_TIMEOUT = 10
#: (directive, option) pairs whose value is a file path; "" is the directive's argument.
FILE_OPTIONS = frozenset(
    {("include", ""), ("literalinclude", ""), ("literalinclude", "diff"),
     ("csv-table", "file"), ("raw", "file")}
)  # fmt: skip
#: Directives whose ``:url:`` option is fetched at build time.
URL_DIRECTIVES = frozenset({"csv-table", "raw"})
#: Directives whose paths Sphinx reads relative to the source folder when they start with "/".
SPHINX_PATHS = frozenset({"include", "literalinclude"})


def resolve(directive: str, target: str, docdir: Path, srcdir: Path) -> Path:
    """The file a directive reads for ``target``, the way the directive finds it."""
    if directive in SPHINX_PATHS and target.startswith("/"):
        return srcdir / target.lstrip("/")  # Sphinx: "/" is the source folder
    return docdir / target  # docutils: relative to the page; an absolute path stays one


def judge_file(path: Path, srcdir: Path) -> str:
    """Why reading ``path`` is refused, or ``""`` when it may be read (or is missing,
    which the directive reports itself)."""
    if not is_within(path, srcdir):
        return "outside the project"
    try:
        info = path.stat()
    except OSError:
        return ""
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > MAX_BYTES:
        return f"larger than {MAX_BYTES // (1024 * 1024)} MB"
    return ""


def judge_url(url: str, allowed_hosts: tuple[str, ...]) -> str:
    """Why fetching ``url`` is refused, or ``""``."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return "not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        return "only http(s) URLs can be fetched"
    if host not in allowed_hosts:
        return "the build fetches no URL from a host not in kb_allowed_fetch_hosts"
    return ""


def message(directive: str, target: str, reason: str) -> str:
    """The one warning for a refused read, worded the same by the build and ``kb check``."""
    return f"{{{directive}}} {target!r} not read: {reason}; left out"


def outside_message(what: str, target: str) -> str:
    """The one warning for an image or download whose file lies outside the project."""
    return f"{what} outside the project removed: {target}"


class FetchError(Exception):
    pass


class _SameRules(urllib.request.HTTPRedirectHandler):
    """A redirect is followed only to a URL the rule allows as well."""

    def __init__(self, allowed_hosts: tuple[str, ...]) -> None:
        self.allowed_hosts = allowed_hosts

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        reason = judge_url(newurl, self.allowed_hosts)
        if reason:
            raise FetchError(f"redirected to {newurl!r}: {reason}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, allowed_hosts: tuple[str, ...]) -> bytes:
    """``url``'s body, at most :data:`MAX_BYTES` (an allowed host only, see :func:`judge_url`)."""
    reason = judge_url(url, allowed_hosts)
    if reason:
        raise FetchError(reason)
    opener = urllib.request.build_opener(_SameRules(allowed_hosts))
    request = urllib.request.Request(url.strip(), headers={"User-Agent": "sphinx-kb"})
    try:
        with opener.open(request, timeout=FETCH_TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
    except (OSError, ValueError) as exc:
        raise FetchError(f"could not be fetched ({exc})") from None
    if len(data) > MAX_BYTES:
        raise FetchError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data
