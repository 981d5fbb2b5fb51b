"""The 就労パスポート template reader: strict, Japanese messages naming row, column and value."""

from __future__ import annotations

import doctest

import pytest

from teichaku.practice import passport_file
from teichaku.practice.passport_file import (
    PassportFileError,
    read_file,
    read_rows,
    template_csv,
)


def test_docstring_examples() -> None:
    failed, _ = doctest.testmod(passport_file)
    assert failed == 0


def test_the_template_reads_back_as_all_blank() -> None:
    with pytest.raises(PassportFileError, match="1行もありません"):
        read_file(template_csv(), "t.csv")


def test_sections_by_number_title_key_and_full_width_digits() -> None:
    rows = [
        ["section", "item", "text"],
        ["１", "職歴", "a"],
        ["work_experience", "期間", "b"],
        ["（参考）支援機関", "機関", "c"],
        ["", "", ""],
        ["0", "提供元", "架空"],
    ]
    result = read_rows(rows, "x.csv")
    assert result.sections == {
        "work_experience": "【職歴】a\n【期間】b",
        "support_agencies": "【機関】c",
        "source_organisation": "架空",
    }
    assert (result.items, result.blank) == (4, 0)


def test_every_problem_is_listed_with_row_and_column() -> None:
    rows = [
        ["項目区分", "項目", "記入内容"],
        ["9", "x", "a"],
        ["1", "y" * 101, "b"],
        ["情報の提供元", "a", "one"],
        ["情報の提供元", "b", "two"],
    ]
    with pytest.raises(PassportFileError) as error:
        read_rows(rows, "f.csv")
    problems = error.value.problems
    assert problems[0].startswith("2行目 A列(項目区分): '9'")
    assert problems[1].startswith("3行目 B列(項目)")
    assert "情報の提供元: 2行" in problems[2]
    assert str(error.value).startswith("f.csv: 取り込めません")


def test_a_section_longer_than_the_limit_is_refused() -> None:
    rows = [["項目区分", "項目", "記入内容"]] + [["1", f"i{n}", "x" * 900] for n in range(5)]
    with pytest.raises(PassportFileError, match="職務経験: 合計"):
        read_rows(rows, "f.csv")
