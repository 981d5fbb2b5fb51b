"""The error of an instrument that cannot be used."""

from __future__ import annotations


class InstrumentError(ValueError):
    """An instrument that cannot be used, with the file, place and value that stop it."""
