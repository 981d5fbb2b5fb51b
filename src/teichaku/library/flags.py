"""The personal-information flagger: words in a practice case that may identify a person.

SudachiPy's proper-noun tags find personal names (人名), place names below the prefecture
(地名 other than a prefecture or a country) and organisation names (固有名詞 that are not
names or places, and a run of nouns joined to 株式会社, 有限会社 …); regular expressions find
dates (a year with its month, a month with its day, in 西暦 or 和暦) and ages (N歳, N代).
A word on the allow-list (厚生労働省, Table 13's channel names, the prefectures …) is never
flagged. A flag is a hint for a person to judge: the author removes the words, or a
reviewer confirms that they identify nobody.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from teichaku.coding.tokens import TaggedWord, tagged_words
from teichaku.library.prefectures import prefecture_words
from teichaku.practice.contacts import TABLE13_CHANNELS


class FlagKind(StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    DATE = "date"
    AGE = "age"


KIND_LABELS: Mapping[FlagKind, str] = {
    FlagKind.PERSON: "人名",
    FlagKind.PLACE: "地名",
    FlagKind.ORGANISATION: "組織名・会社名",
    FlagKind.DATE: "日付",
    FlagKind.AGE: "年齢",
}
REASONS: Mapping[FlagKind, str] = {
    FlagKind.PERSON: (
        "人の名前の可能性があります。個人が特定されないよう削除するか、仮名にしてください。"
    ),
    FlagKind.PLACE: (
        "都道府県より細かい地名です。市区町村名などから個人や企業が特定されるおそれがあります。"
    ),
    FlagKind.ORGANISATION: (
        "会社名・団体名の可能性があります。勤務先などから個人が特定されるおそれがあります。"
    ),
    FlagKind.DATE: "具体的な日付です。出来事の日付から個人が特定されるおそれがあります。",
    FlagKind.AGE: "年齢です。他の情報と組み合わせて個人が特定されるおそれがあります。",
}

# Words that name public bodies, services or methods, never a person: always allowed.
ALLOWED_WORDS: frozenset[str] = frozenset(
    {
        "厚生労働省",
        "厚労省",
        "日本",
        "ハローワーク",
        "ナカポツ",
        "障害者就業・生活支援センター",
        "地域障害者職業センター",
        "ジョブコーチ",
        "セルフプラン",
        "LINE",
        "令和",
        "平成",
        "昭和",
        "大正",
        "明治",
        "都道府県",
        "市区町村",
    }
    | {label for _key, label in TABLE13_CHANNELS}
    | prefecture_words()
)

_COMPANY_WORDS = frozenset({"株式会社", "有限会社", "合同会社", "合資会社", "社団法人", "財団法人"})
_COMPANY_MARKS = ("(株)", "(有)", "(合)")
_DIGIT = r"[0-9０-９〇一二三四五六七八九十]"
_ERA = r"(?:明治|大正|昭和|平成|令和)(?:元|" + _DIGIT + r"{1,2})"
_YEAR = r"(?:" + _DIGIT + r"{4}|" + _ERA + r")年"
_DATE = re.compile(
    r"(?:" + _YEAR + _DIGIT + r"{1,2}月(?:" + _DIGIT + r"{1,2}日)?"
    r"|" + _DIGIT + r"{1,2}月" + _DIGIT + r"{1,2}日"
    r"|" + _DIGIT + r"{4}[/\-.]" + _DIGIT + r"{1,2}[/\-.]" + _DIGIT + r"{1,2})"
)
_AGE = re.compile(_DIGIT + r"{1,3}(?:歳|才|代)")


@dataclass(frozen=True)
class Flag:
    """A span of a text, ``text[begin:end] == words``, that may identify a person."""

    words: str
    kind: FlagKind
    begin: int
    end: int

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def reason(self) -> str:
        return REASONS[self.kind]


@dataclass(frozen=True)
class FieldFlag:
    """A flag in one field of a case (`field` is the field's name)."""

    field: str
    flag: Flag


def _allowed(words: str, allowed: frozenset[str]) -> bool:
    return unicodedata.normalize("NFKC", words).strip() in allowed


def _kind(word: TaggedWord) -> FlagKind | None:
    pos = word.pos
    if len(pos) < 3 or pos[0] != "名詞" or pos[1] != "固有名詞":
        return None
    if pos[2] == "人名":
        return FlagKind.PERSON
    if pos[2] == "地名":
        return None if len(pos) > 3 and pos[3] == "国" else FlagKind.PLACE
    return FlagKind.ORGANISATION


def _proper_nouns(text: str) -> list[Flag]:
    words = tagged_words(text)
    found: list[Flag] = []
    for i, word in enumerate(words):
        kind = _kind(word)
        if word.surface in _COMPANY_WORDS or word.surface in _COMPANY_MARKS:
            kind = FlagKind.ORGANISATION
            begin, end = word.begin, word.end
            if i + 1 < len(words) and words[i + 1].pos[0] == "名詞":
                end = words[i + 1].end
                if i + 2 < len(words) and words[i + 2].pos[:2] == ("名詞", "普通名詞"):
                    end = words[i + 2].end
            elif i > 0 and words[i - 1].pos[0] == "名詞":
                begin = words[i - 1].begin
            found.append(Flag(text[begin:end], kind, begin, end))
            continue
        if kind is None:
            continue
        if found and found[-1].kind is kind and found[-1].end == word.begin:
            last = found.pop()
            found.append(Flag(text[last.begin : word.end], kind, last.begin, word.end))
        else:
            found.append(Flag(word.surface, kind, word.begin, word.end))
    return found


def _merged(flags: Iterable[Flag]) -> list[Flag]:
    """Flags in text order; a flag inside an earlier, longer one is dropped."""
    kept: list[Flag] = []
    for flag in sorted(flags, key=lambda f: (f.begin, -f.end)):
        if kept and flag.begin < kept[-1].end:
            continue
        kept.append(flag)
    return kept


def flag_text(text: str, allowed: Iterable[str] = ()) -> tuple[Flag, ...]:
    """The words of `text` that may identify a person, in text order.

    >>> text = "田中さんは厚生労働省へ令和5年4月1日に行った。"
    >>> [(f.words, f.kind.value) for f in flag_text(text)]
    [('田中', 'person'), ('令和5年4月1日', 'date')]
    """
    allow = ALLOWED_WORDS | frozenset(unicodedata.normalize("NFKC", w) for w in allowed)
    found = [f for f in _proper_nouns(text) if not _allowed(f.words, allow)]
    for pattern, kind in ((_DATE, FlagKind.DATE), (_AGE, FlagKind.AGE)):
        found += [Flag(m.group(), kind, m.start(), m.end()) for m in pattern.finditer(text)]
    dated = [f for f in found if f.kind in (FlagKind.DATE, FlagKind.AGE)]
    found = [
        f
        for f in found
        if f.kind in (FlagKind.DATE, FlagKind.AGE)
        or not any(d.begin <= f.begin and f.end <= d.end for d in dated)
    ]
    return tuple(_merged(found))


def flag_fields(fields: Mapping[str, str], allowed: Iterable[str] = ()) -> tuple[FieldFlag, ...]:
    """The flags of each text field of a case, field by field in the order given."""
    allow = tuple(allowed)
    return tuple(
        FieldFlag(name, flag) for name, text in fields.items() for flag in flag_text(text, allow)
    )
