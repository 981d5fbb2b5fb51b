"""Searching free-text answers: as written, or by SudachiPy normalised forms.

An answer matches a query when the query, after NFKC and case folding, is part of the
answer's text, or when the query's words (normalised forms, `tokens.normalised_tokens`) appear
one after another among the answer's words: 分かりにくい finds 判りにくい and わかりにくかった.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from teichaku.coding.answers import Answer
from teichaku.coding.tokens import normalised_tokens


def folded(text: str) -> str:
    """NFKC, case-folded, white space squeezed: how texts are compared as written."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _contains(words: Sequence[str], wanted: Sequence[str]) -> bool:
    size = len(wanted)
    return any(tuple(words[i : i + size]) == tuple(wanted) for i in range(len(words) - size + 1))


def text_matches(text: str, query: str) -> bool:
    """Whether `text` holds `query` as written or as the same words.

    >>> text_matches("手順が判りにくかった", "わかりにくい"), text_matches("ＡＢＣ", "abc")
    (True, True)
    >>> text_matches("手順がわかりやすい", "分かりにくい")
    False
    """
    wanted = folded(query)
    if not wanted:
        return True
    if wanted in folded(text):
        return True
    words = normalised_tokens(query)
    return bool(words) and _contains(normalised_tokens(text), words)


def search_answers(answers: Iterable[Answer], query: str) -> tuple[Answer, ...]:
    """The descriptions (non-empty answers) that match `query`, in the order given; every
    description for an empty query."""
    return tuple(a for a in answers if a.is_description and text_matches(a.text, query))
