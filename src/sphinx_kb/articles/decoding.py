"""Bytes to text for article files: UTF-8 (BOM allowed), UTF-16, else Windows-1252.

The importer, the build's quick scan and ``kb check`` decode files here, so they
agree on what a file is; :func:`sphinx_cannot_read` says why Sphinx itself (strict
UTF-8) cannot read one, in the words the build and ``kb check`` both use.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Refuse files larger than this; real articles are a few tens of kilobytes.
MAX_FILE_BYTES = 5 * 1024 * 1024


class FrontMatterError(ValueError):
    """A file whose front matter cannot be used; ``line`` is 1-based in the file."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class Decoded:
    """Text of a file plus what had to be done to read it."""

    text: str
    warnings: tuple[str, ...] = ()
    had_bom: bool = False
    had_crlf: bool = False


_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def utf16_encoding(raw: bytes) -> str:
    """``utf-16-le``/``-be`` when ``raw`` is UTF-16 text (a BOM, or every other byte
    NUL in ASCII-range text, as Windows tools write), else ``""``."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return ""  # UTF-32: binary as far as we are concerned
    for bom, name in _UTF16_BOMS:
        if raw.startswith(bom):
            return name
    head = raw[:512]
    if len(head) >= 4 and len(head) % 2 == 0:
        if not any(head[1::2]) and all(head[0::2]):
            return "utf-16-le"
        if not any(head[0::2]) and all(head[1::2]):
            return "utf-16-be"
    return ""


def sphinx_cannot_read(raw: bytes) -> tuple[str, int] | None:
    """Why Sphinx (strict UTF-8) cannot read ``raw``, and on which line; ``None`` if it can.

    The build leaves such articles out with this message and ``kb check`` says the same.
    """
    if utf16_encoding(raw):
        return "file is UTF-16 text, not UTF-8", 1
    if b"\x00" in raw[:8192]:
        return "file looks binary (it contains NUL bytes)", 1
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "not valid UTF-8 text", raw[: exc.start].count(b"\n") + 1
    return None


def decode_bytes(raw: bytes) -> Decoded:
    """Decode an article file: UTF-8 (BOM allowed), UTF-16 (with a warning), else
    cp1252 with a warning.

    CRLF and lone CR line ends become LF; byte-order marks at the start (one or
    several) go.  Binary content (NUL bytes) and oversized files raise
    :class:`FrontMatterError`.
    """
    if len(raw) > MAX_FILE_BYTES:
        raise FrontMatterError(
            f"file is too large ({len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,})"
        )
    warnings: list[str] = []
    utf16 = utf16_encoding(raw)
    if utf16:
        text = raw.decode(utf16, errors="replace")
        warnings.append("line 1: file is UTF-16 text, not UTF-8; read as UTF-16")
    else:
        if b"\x00" in raw[:8192]:
            raise FrontMatterError("file looks binary (it contains NUL bytes)")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            text = raw.decode("cp1252", errors="replace")
            warnings.append(f"line {line}: not valid UTF-8; decoded as Windows-1252")
    had_bom = not utf16 and text.startswith("\ufeff")
    # Some tools add a second mark when they save a file that had one.
    text = text.lstrip("\ufeff")
    had_crlf = "\r" in text
    if had_crlf:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, tuple(warnings), had_bom, had_crlf)
