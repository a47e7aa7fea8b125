"""Reading article files that are not UTF-8 without stopping the build.

Sphinx decodes sources itself and a single Windows-1252 or binary file from a CMS
export aborts the whole build.  Sources are read through a codec that decodes
UTF-8 (with or without BOM) and falls back to Windows-1252; ``source-read`` then
reports the file by name, and a binary file becomes an empty page instead of noise.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

CODEC = "kb-utf-8-fallback"
#: Set by the decoder, read (and cleared) by the next ``source-read`` in this process.
_fell_back: list[bool] = [False]


def _decode_all(data: bytes) -> str:
    try:
        return codecs.decode(data, "utf-8-sig")
    except UnicodeDecodeError:
        _fell_back[0] = True
        return data.decode("cp1252", errors="replace")


class _IncrementalDecoder(codecs.BufferedIncrementalDecoder):
    # Buffers the whole file: whether to fall back is a decision about all of it.
    def _buffer_decode(self, data: bytes, errors: str, final: bool) -> tuple[str, int]:
        if not final:
            return "", 0
        return _decode_all(bytes(data)), len(data)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC:
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(
        name=CODEC,
        encode=utf8.encode,
        decode=lambda data, errors="strict": (_decode_all(bytes(data)), len(data)),
        incrementalencoder=utf8.incrementalencoder,
        incrementaldecoder=_IncrementalDecoder,
        streamreader=utf8.streamreader,
        streamwriter=utf8.streamwriter,
    )


codecs.register(_search)


def on_config_inited(app: Sphinx, config: Config) -> None:
    if config.source_encoding.replace("_", "-").lower() in ("utf-8-sig", "utf-8"):
        config.source_encoding = CODEC


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    fell_back, _fell_back[0] = _fell_back[0], False
    if "\x00" in source[0][:8192]:
        logger.warning(
            "file looks binary (it contains NUL bytes); skipped",
            location=(docname, None),
            type="kb",
            subtype="encoding",
        )
        source[0] = ""
    elif fell_back:
        logger.warning(
            "not valid UTF-8; decoded as Windows-1252 (kb import repairs it)",
            location=(docname, None),
            type="kb",
            subtype="encoding",
        )
