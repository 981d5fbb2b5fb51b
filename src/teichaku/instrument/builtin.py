"""Instruments that ship with teichaku, and lookup by name or path."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from teichaku.instrument.errors import InstrumentError
from teichaku.instrument.model import Instrument
from teichaku.instrument.xlsform import SUFFIXES, load_xlsform

_PACKAGE = "teichaku.instrument"
_FOLDER = "builtin"
_FILE = "instrument.md"


def builtin_names() -> tuple[str, ...]:
    """Names of the built-in instruments, e.g. ``retention-challenges-2024``."""
    folder = resources.files(_PACKAGE).joinpath(_FOLDER)
    return tuple(
        sorted(entry.name for entry in folder.iterdir() if entry.joinpath(_FILE).is_file())
    )


def builtin_folder(name: str) -> Path:
    """The folder holding a built-in instrument and its companion files (codebooks)."""
    return Path(str(resources.files(_PACKAGE).joinpath(_FOLDER, name)))


def load_instrument(name_or_path: str | Path) -> Instrument:
    """Load a built-in instrument by name, or an XLSForm by path.

    >>> load_instrument("retention-challenges-2024").question("q01_securing_users").label
    '利用者の確保'
    """
    text = str(name_or_path)
    if text in builtin_names():
        return load_xlsform(builtin_folder(text) / _FILE)
    path = Path(text)
    if path.suffix.lower() in SUFFIXES or path.exists():
        return load_xlsform(path)
    raise InstrumentError(
        f"{text}: neither a built-in instrument nor an XLSForm file; built-in: "
        f"{', '.join(builtin_names())}; files: {', '.join(SUFFIXES)}"
    )
