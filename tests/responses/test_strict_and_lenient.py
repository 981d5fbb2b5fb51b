"""Strict by default: a bad value or an unknown column stops the import, naming the cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from teichaku.instrument import Instrument
from teichaku.responses import MISSING_CODE, ResponseFileError, read_responses

from .writing import write_csv

HEADER = ["タイムスタンプ", "利用者の確保", "所属", "self_plan_text"]


def test_a_bad_value_stops_with_file_row_column_and_value(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [HEADER, ["t", "7", "教育関係", ""], ["t", "8", "教育関係", ""], ["t", "8", "", ""]],
        encoding="cp932",
    )
    with pytest.raises(ResponseFileError) as caught:
        read_responses(path, form)
    error = caught.value
    assert len(error.issues) == 1
    issue = error.issues[0]
    assert (issue.file, issue.row, issue.column, issue.value) == (str(path), 3, "利用者の確保", "8")
    message = str(error)
    assert "bad.csv" in message and "row 3" in message and "'利用者の確保'" in message
    assert "'8'" in message and "also on row 4" in message
    # What would be accepted, with the Japanese labels.
    assert "7 = ７：非常に課題である" in issue.accepted
    assert "nothing was imported" in message


def test_lenient_reads_bad_values_as_missing_and_reports_them(
    tmp_path: Path, form: Instrument
) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [HEADER, ["t", "7", "教育関係, 宇宙関係", ""], ["t", "8", "", "ok"]],
    )
    table = read_responses(path, form, lenient=True)
    assert table.choice("q01_securing_users").codes.tolist() == [6, MISSING_CODE]
    # The known part of a multiple answer is kept; the unknown part is reported.
    affiliation = table.multi("affiliation")
    assert affiliation.selected[0].sum() == 1 and affiliation.answered.tolist() == [True, False]
    reported = {(issue.row, issue.column, issue.value) for issue in table.issues}
    assert reported == {(2, "所属", "教育関係, 宇宙関係"), (3, "利用者の確保", "8")}


def test_unknown_column_is_an_error_unless_lenient(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(tmp_path / "extra.csv", [["利用者の確保", "好きな色"], ["7", "青"]])
    with pytest.raises(ResponseFileError) as caught:
        read_responses(path, form)
    issue = caught.value.issues[0]
    assert (issue.row, issue.column) == (1, "好きな色")
    assert "no question has this name or label" in str(caught.value)
    table = read_responses(path, form, lenient=True)
    assert table.unmatched_columns == ("好きな色",)


def test_metadata_columns_are_listed_not_fatal(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(
        tmp_path / "meta.csv",
        [
            ["Timestamp", "Email Address", "_submission_time", "submitdate", "利用者の確保", ""],
            ["t", "a@b", "s", "d", "1", ""],
        ],
    )
    table = read_responses(path, form)
    assert table.unmatched_columns == (
        "Timestamp",
        "Email Address",
        "_submission_time",
        "submitdate",
        "(column 6, no header)",
    )


def test_missing_columns_are_all_missing_answers(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(tmp_path / "few.csv", [["利用者の確保"], ["1"], ["2"]])
    table = read_responses(path, form)
    assert table.respondents == 2
    assert (table.choice("q12_reward_scheme_change").codes == MISSING_CODE).all()
    assert not table.multi("monitoring_methods").answered.any()
    assert table.text("self_plan_text").values.tolist() == [None, None]


def test_a_file_for_another_form_is_refused_even_when_lenient(
    tmp_path: Path, form: Instrument
) -> None:
    path = write_csv(tmp_path / "other.csv", [["colour", "size"], ["red", "L"]])
    with pytest.raises(ResponseFileError, match="no column matches a question"):
        read_responses(path, form, lenient=True)


def test_two_columns_for_one_question(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(tmp_path / "twice.csv", [["q01_securing_users", "利用者の確保"], ["1", "2"]])
    with pytest.raises(
        ResponseFileError, match="a second column for question 'q01_securing_users'"
    ):
        read_responses(path, form)
    table = read_responses(path, form, lenient=True)
    assert table.choice("q01_securing_users").codes.tolist() == [0]
    assert table.unmatched_columns == ("利用者の確保",)


def test_many_problems_are_counted_and_the_first_twenty_shown(
    tmp_path: Path, form: Instrument
) -> None:
    rows = [["利用者の確保"], *([str(value)] for value in range(10, 40))]
    path = write_csv(tmp_path / "many.csv", rows)
    with pytest.raises(ResponseFileError) as caught:
        read_responses(path, form)
    assert len(caught.value.issues) == 30
    message = str(caught.value)
    assert "30 problems" in message and "… and 10 more" in message
    assert message.count("\n  - ") == 20


def test_xlsx_rows_are_numbered_as_excel_shows_them(tmp_path: Path, form: Instrument) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "回答"
    sheet.append(["利用者の確保"])
    sheet.append([1])
    sheet.append([None])  # a blank row: no respondent, but it keeps its number
    sheet.append(["９"])
    path = tmp_path / "rows.xlsx"
    book.save(path)
    with pytest.raises(ResponseFileError) as caught:
        read_responses(path, form, sheet="回答")
    assert [(i.row, i.value) for i in caught.value.issues] == [(4, "９")]
    with pytest.raises(ResponseFileError, match="no sheet 'Sheet9'; sheets: 回答"):
        read_responses(path, form, sheet="Sheet9")


def test_numbers_and_text(tmp_path: Path) -> None:
    form_path = tmp_path / "form.md"
    form_path.write_text(
        "| survey |\n| | type | name | label |\n| | integer | staff | 職員数 |\n"
        "| | text | note | 備考 |\n",
        encoding="utf-8",
    )
    from teichaku.instrument import load_xlsform

    numbers_form = load_xlsform(form_path)
    path = write_csv(
        tmp_path / "n.csv",
        [["職員数", "備考"], ["１２", "  ｶﾅ のまま  "], ["1,234", ""], ["3.5", "x"], ["", ""]],
    )
    table = read_responses(path, numbers_form)
    staff = table.answers["staff"]
    assert staff.values.tolist()[:3] == [12.0, 1234.0, 3.5]  # type: ignore[union-attr]
    # Text keeps what people wrote (no NFKC), stripped; blank is missing.
    assert table.text("note").values.tolist() == ["ｶﾅ のまま", None, "x", None]
    bad = write_csv(tmp_path / "bad.csv", [["職員数"], ["十二"]])
    with pytest.raises(ResponseFileError, match="not a number"):
        read_responses(bad, numbers_form)


def test_encodings_that_are_none_of_ours(tmp_path: Path, form: Instrument) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("利用者の確保\n".encode() + b"\xff\xfe\xfa\n")
    with pytest.raises(ResponseFileError, match="accepted encodings"):
        read_responses(path, form)


def test_the_lenient_hint_is_the_shells_and_a_temporary_path_can_be_renamed(
    tmp_path: Path, form: Instrument
) -> None:
    from teichaku.cli.analyze import lenient_hint

    path = write_csv(tmp_path / "bad.csv", [HEADER, ["t", "8", "教育関係", ""]], encoding="cp932")
    with pytest.raises(ResponseFileError) as caught:
        read_responses(path, form)
    error = caught.value
    assert error.lenient_helps and "--lenient" not in str(error)
    assert "--lenient" in lenient_hint(error)
    renamed = error.renamed(str(path), "回答.csv")
    assert str(tmp_path) not in str(renamed) and "回答.csv: " in str(renamed)
    assert renamed.issues[0].file == "回答.csv" and renamed.lenient_helps
