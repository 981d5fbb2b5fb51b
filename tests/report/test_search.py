"""Searching free-text answers as written and by SudachiPy normalised forms."""

from __future__ import annotations

from teichaku.coding.answers import Answer
from teichaku.coding.search import search_answers, text_matches


def test_normalised_forms_find_other_spellings_and_inflections() -> None:
    answers = [
        Answer("1", "q", "手順が判りにくかった"),
        Answer("2", "q", "手順がわかりやすい"),
        Answer("3", "q", ""),
        Answer("4", "q", "ＬＩＮＥで連絡する"),
    ]
    assert [a.response_id for a in search_answers(answers, "分かりにくい")] == ["1"]
    assert [a.response_id for a in search_answers(answers, "line")] == ["4"]
    assert [a.response_id for a in search_answers(answers, "")] == ["1", "2", "4"]
    assert [a.response_id for a in search_answers(answers, "手順が")] == ["1", "2"]


def test_plain_substring_always_matches() -> None:
    assert text_matches("abc-123", "C-1")
    assert not text_matches("連絡", "連携")
