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


def test_blank_rows_count_toward_the_row_limit(sheet_lies) -> None:
    # Today's reader walks a million padded blank rows at 100 % CPU and takes the file.
    rows = [["項目区分", "項目", "記入内容"], ["1", "職歴", "事務補助3年"]]
    data = sheet_lies.xlsx(
        rows, lambda xml: sheet_lies.add_last_row(sheet_lies.claim_whole_sheet(xml))
    )
    with sheet_lies.deadline(5), pytest.raises(PassportFileError) as caught:
        read_file(data, "p.xlsx")
    assert str(caught.value).startswith("p.xlsx: ")
    assert "行が多すぎます" in str(caught.value) and "空の行も数えます" in str(caught.value)


def test_a_sheet_claiming_every_cell_reads_what_it_holds(sheet_lies) -> None:
    rows = [["項目区分", "項目", "記入内容"], ["1", "職歴", "事務補助3年"]]
    with sheet_lies.deadline(5):
        result = read_file(sheet_lies.xlsx(rows, sheet_lies.claim_whole_sheet), "p.xlsx")
    assert result.sections == {"work_experience": "【職歴】事務補助3年"}


def test_a_zip_bomb_is_refused(sheet_lies) -> None:
    rows = [["項目区分", "項目", "記入内容"], ["1", "職歴", "事務補助3年"]]
    data = sheet_lies.xlsx(rows, sheet_lies.pad_sheet(40))
    assert len(data) < passport_file.MAX_BYTES
    with sheet_lies.deadline(5), pytest.raises(PassportFileError, match="展開すると"):
        read_file(data, "p.xlsx")
