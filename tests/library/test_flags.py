"""The personal-information flagger on hand-written sentences."""

from __future__ import annotations

import pytest

from teichaku.library.flags import FlagKind, flag_fields, flag_text


def found(text: str) -> list[tuple[str, FlagKind]]:
    return [(f.words, f.kind) for f in flag_text(text)]


def test_a_personal_name_a_town_and_a_company_are_flagged() -> None:
    text = "田中太郎さんは横浜市港北区の株式会社山田製作所で働いている。"
    assert found(text) == [
        ("田中太郎", FlagKind.PERSON),
        ("横浜市港北区", FlagKind.PLACE),
        ("株式会社山田製作所", FlagKind.ORGANISATION),
    ]
    for flag in flag_text(text):
        assert text[flag.begin : flag.end] == flag.words
        assert flag.reason and flag.kind_label


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("令和5年4月1日に就職した。", "令和5年4月1日"),
        ("２０２４年３月に就職した。", "２０２４年３月"),
        ("4月15日に面談した。", "4月15日"),
        ("平成元年12月生まれ", "平成元年12月"),
        ("2024/3/5 に訪問", "2024/3/5"),
    ],
)
def test_dates_western_and_japanese_era(text: str, words: str) -> None:
    assert (words, FlagKind.DATE) in found(text)


def test_ages() -> None:
    assert found("32歳の男性と20代の女性") == [("32歳", FlagKind.AGE), ("20代", FlagKind.AGE)]


def test_allowed_words_are_not_flagged() -> None:
    text = (
        "厚生労働省の資料を読み、大阪府のナカポツと電話、職場訪問、LINEで連絡した。"
        "令和６年度から報酬体系が変わる。"
    )
    assert found(text) == []


def test_the_callers_allow_list_is_added() -> None:
    assert found("トヨタ自動車と連携した") == [("トヨタ自動車", FlagKind.ORGANISATION)]
    assert flag_text("トヨタ自動車と連携した", allowed=["トヨタ自動車"]) == ()


def test_fields_are_named() -> None:
    flags = flag_fields({"title": "職場定着の工夫", "situation": "佐藤さんが悩んでいた"})
    assert [(f.field, f.flag.words) for f in flags] == [("situation", "佐藤")]
