"""Qualitative coding of free text: codebooks and codings."""

from teichaku.coding.codebook import (
    Code,
    Codebook,
    CodebookError,
    normalise,
    read_codebook,
    read_codebooks,
)
from teichaku.coding.codings import Coding, CodingsError, read_codings

__all__ = [
    "Code",
    "Codebook",
    "CodebookError",
    "Coding",
    "CodingsError",
    "normalise",
    "read_codebook",
    "read_codebooks",
    "read_codings",
]
