"""The forms in which teichaku compares texts people typed.

One definition for every matcher: importers matching headers and cells to options, codebooks
matching codes and labels, search boxes, the coding suggesters' features.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})
_SPACE = re.compile(r"\s+")


def normal_form(text: str) -> str:
    """NFKC (full-width letters and digits to half-width, half-width kana to full-width),
    curly quotes made straight, runs of white space (the ideographic space too) made one
    space, ends stripped.

    >>> normal_form("  Ｄｏｎ’t   know\\u3000")
    "Don't know"
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def search_form(text: str) -> str:
    """`normal_form`, case-folded: for search and for case-insensitive matching.

    >>> search_form("ＬＩＮＥ で連絡")
    'line で連絡'
    """
    return normal_form(text).casefold()
