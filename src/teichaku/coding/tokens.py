"""Japanese text as SudachiPy normalised forms, the form rules and the learned suggester see.

The dictionary (sudachidict-core, installed as a package) is loaded once per process and a
tokenizer is made once per thread (Sudachi tokenizers are not shared across threads).
Nothing is fetched at run time.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache, lru_cache
from typing import Any, NamedTuple

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


class Token(NamedTuple):
    """One word of a text: its normalised form (case-folded), part of speech (the first
    level: 名詞, 動詞 …) and where it was written: ``text[begin:end]`` of the text given."""

    form: str
    pos: str
    begin: int
    end: int


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[Token, ...]:
    """The words of `text` after NFKC, without punctuation or spaces, with offsets into
    `text` as written.

    >>> [(t.form, t.pos) for t in tokens("ＡＢＣが分かりにくい。")]
    [('abc', '名詞'), ('が', '助詞'), ('分かる', '動詞'), ('難い', '接尾辞')]
    >>> tokens("ＡＢＣが分かりにくい。")[2]
    Token(form='分かる', pos='動詞', begin=4, end=7)
    """
    normal = unicodedata.normalize("NFKC", text)
    starts, ends = _origin(text, normal)
    found: list[Token] = []
    for m in _tokenizer().tokenize(normal):
        pos = m.part_of_speech()[0]
        if pos in _SKIPPED_POS or m.end() <= m.begin():
            continue
        begin, end = starts[m.begin()], ends[m.end() - 1]
        found.append(Token(m.normalized_form().casefold(), pos, begin, end))
    return tuple(found)


def _origin(text: str, normal: str) -> tuple[list[int], list[int]]:
    """For each character of `normal` (the NFKC of `text`), where the characters of `text`
    it came from begin and end. NFKC is applied to each base character with the combining
    marks after it (ｶﾞ → ガ); should that ever differ from the whole text's NFKC, offsets are
    clipped to `text`."""
    starts: list[int] = []
    ends: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and unicodedata.combining(unicodedata.normalize("NFKC", text[i])[:1]):
            continue
        width = len(unicodedata.normalize("NFKC", text[start:i]))
        starts += [start] * width
        ends += [i] * width
        start = i
    if len(starts) != len(normal):
        starts = [min(i, len(text)) for i in range(len(normal))]
        ends = [min(i + 1, len(text)) for i in range(len(normal))]
    return starts, ends


def normalised_tokens(text: str) -> tuple[str, ...]:
    """The words of `text` as Sudachi normalised forms (分かりづらい → 分かる, 辛い),
    after NFKC, without punctuation or spaces; Latin letters case-folded.

    >>> normalised_tokens("わかりにくい。")
    ('分かる', '難い')
    """
    return tuple(token.form for token in tokens(text))


class TaggedWord(NamedTuple):
    """One word as written (``text[begin:end]``) with its full part of speech
    (名詞, 固有名詞, 人名, 姓 …), for finding proper nouns."""

    surface: str
    pos: tuple[str, ...]
    begin: int
    end: int


@lru_cache(maxsize=4096)
def tagged_words(text: str) -> tuple[TaggedWord, ...]:
    """Every word of `text` (after NFKC, offsets into `text` as written) with its full
    part of speech; punctuation and spaces included.

    >>> [w.pos[:3] for w in tagged_words("田中さん")][0]
    ('名詞', '固有名詞', '人名')
    """
    normal = unicodedata.normalize("NFKC", text)
    starts, ends = _origin(text, normal)
    found: list[TaggedWord] = []
    for m in _tokenizer().tokenize(normal):
        if m.end() <= m.begin():
            continue
        begin, end = starts[m.begin()], ends[m.end() - 1]
        found.append(TaggedWord(text[begin:end], tuple(m.part_of_speech()), begin, end))
    return tuple(found)
