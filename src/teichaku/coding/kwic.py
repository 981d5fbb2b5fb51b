"""KWIC (keyword in context): every occurrence of a word with the text around it.

A word is matched on its normalised form after the compound and synonym tables
(`teichaku.coding.words.WordTables`), so 分かる finds 分かり, わかり and 判り, and a synonym's
variants are found under its word. The context is cut from the answer as the respondent
wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from teichaku.coding.answers import Answer
from teichaku.coding.words import NO_TABLES, WordTables, WordTablesError


@dataclass(frozen=True)
class KwicLine:
    response_id: str
    question: str
    left: str
    keyword: str  # as written
    right: str
    begin: int  # offset of the keyword in the answer's text
    attributes: Mapping[str, str]

    def as_dict(self) -> dict[str, object]:
        return {**self.__dict__, "attributes": dict(self.attributes)}


def kwic(
    answers: Iterable[Answer], word: str, tables: WordTables = NO_TABLES, window: int = 20
) -> tuple[KwicLine, ...]:
    """Every occurrence of `word` in the descriptions, in answer order, with up to `window`
    characters on each side.

    >>> from teichaku.coding.answers import Answer
    >>> lines = kwic([Answer("7", "q", "手順がわかりにくい。判りやすく")], "分かる", window=3)
    >>> [(k.left, k.keyword, k.right) for k in lines]
    [('手順が', 'わかり', 'にくい'), ('くい。', '判り', 'やすく')]
    """
    if window < 0:
        raise ValueError(f"window: {window}: 0 以上の文字数を指定してください")
    split = tables.parts(word)
    if split:
        raise WordTablesError(
            f"語 {word!r} は一語ではありません（{' / '.join(split)} に分かれます）。"
            "一語として探すには複合語の表に加えてください"
        )
    target = tables.word_form(word)
    found: list[KwicLine] = []
    for a in answers:
        if not a.is_description:
            continue
        for o in tables.occurrences(a.text):
            if o.word == target:
                found.append(
                    KwicLine(
                        a.response_id,
                        a.question,
                        a.text[max(0, o.begin - window) : o.begin],
                        a.text[o.begin : o.end],
                        a.text[o.end : o.end + window],
                        o.begin,
                        a.attributes,
                    )
                )
    return tuple(found)
