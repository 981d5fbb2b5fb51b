"""Japanese text as SudachiPy normalised forms, the form rules and the learned suggester see.

The dictionary (sudachidict-core, installed as a package) is loaded once per process and a
tokenizer is made once per thread (Sudachi tokenizers are not shared across threads).
Nothing is fetched at run time.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache, lru_cache
from typing import Any

_SKIPPED_POS = frozenset({"補助記号", "空白"})
_local = threading.local()


@cache
def _dictionary() -> Any:
    from sudachipy import Dictionary

    return Dictionary(dict="core")


def _tokenizer() -> Any:
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import SplitMode

        tokenizer = _dictionary().tokenizer(SplitMode.C)
        _local.tokenizer = tokenizer
    return tokenizer


@lru_cache(maxsize=65536)
def normalised_tokens(text: str) -> tuple[str, ...]:
    """The words of `text` as Sudachi normalised forms (分かりづらい → 分かる, 辛い),
    after NFKC, without punctuation or spaces; Latin letters case-folded.

    >>> normalised_tokens("わかりにくい。")
    ('分かる', '難い')
    """
    text = unicodedata.normalize("NFKC", text)
    return tuple(
        m.normalized_form().casefold()
        for m in _tokenizer().tokenize(text)
        if m.part_of_speech()[0] not in _SKIPPED_POS
    )
