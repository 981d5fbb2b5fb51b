"""Text files as Japanese offices save them: UTF-8, UTF-8 with BOM, or CP932."""

from __future__ import annotations

from pathlib import Path

ENCODINGS = ("utf-8-sig", "cp932")


def decode(data: bytes, source: str = "") -> tuple[str, str]:
    """Decode bytes, trying UTF-8 (with or without BOM) first, then CP932.

    Returns the text and the encoding used. UTF-8 is tried first because valid CP932 text
    is almost never valid UTF-8, while the reverse often holds.
    """
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError(
        "utf-8", data, 0, 1, f"{source}: not UTF-8 and not CP932; save the file as UTF-8"
    )


def read_text(path: Path) -> str:
    return decode(path.read_bytes(), str(path))[0]
