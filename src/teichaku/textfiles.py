"""Text files as Japanese offices save them: UTF-8 (with or without BOM), UTF-16, or CP932.

The one place where teichaku decides how a file is encoded; every reader of user files
(response files, codings, codebooks, rules, retention records) goes through it.
"""

from __future__ import annotations

import codecs
from pathlib import Path


def detect_encoding(sample: bytes) -> str:
    """The encoding of a file that starts with `sample`: a BOM, else UTF-8, else CP932.

    UTF-8 is tried before CP932 because CP932 text is almost never valid UTF-8, while the
    reverse often holds. A sample cut in the middle of a UTF-8 character still counts as UTF-8.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp932"
    return "utf-8"


def decode(data: bytes, source: str = "") -> tuple[str, str]:
    """Decode a whole file's bytes; returns the text and the encoding used."""
    encoding = detect_encoding(data)
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        if encoding == "cp932":
            raise UnicodeDecodeError(
                error.encoding,
                error.object,
                error.start,
                error.end,
                f"{source}: not UTF-8 and not CP932; save the file as UTF-8",
            ) from None
        raise


def read_text(path: Path) -> str:
    return decode(path.read_bytes(), str(path))[0]
