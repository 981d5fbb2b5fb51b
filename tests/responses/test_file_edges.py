"""Files that are awkward in form: short rows, late CP932 bytes, 'other' in select_one."""

from __future__ import annotations

from pathlib import Path

import pytest

from teichaku.instrument import Instrument, load_xlsform
from teichaku.responses import MISSING_CODE, ResponseFileError, read_responses

from .writing import write_csv

OTHER_FORM = """\
| survey |
| | type | name | label |
| | select_one body or_other | body | 設置法人 |
| choices |
| | list_name | name | label |
| | body | company | 民間企業 |
| | body | npo | NPO法人 |
"""


@pytest.fixture
def other_form(tmp_path: Path) -> Instrument:
    path = tmp_path / "other.md"
    path.write_text(OTHER_FORM, encoding="utf-8")
    return load_xlsform(path)


def test_select_one_with_other_text_in_the_cell(tmp_path: Path, other_form: Instrument) -> None:
    path = write_csv(tmp_path / "g.csv", [["設置法人"], ["民間企業"], ["医療法人"], [""]])
    answers = read_responses(path, other_form).choice("body")
    assert answers.codes.tolist() == [0, 2, MISSING_CODE]
    assert answers.other_text is not None
    assert answers.other_text.tolist() == [None, "医療法人", None]


def test_select_one_with_kobo_other_column(tmp_path: Path, other_form: Instrument) -> None:
    path = write_csv(
        tmp_path / "k.csv", [["body", "body_other"], ["other", "医療法人"], ["npo", ""]]
    )
    answers = read_responses(path, other_form).choice("body")
    assert answers.codes.tolist() == [2, 1]
    assert answers.other_text is not None and answers.other_text.tolist() == ["医療法人", None]


def test_short_rows_are_read_with_blanks(tmp_path: Path, form: Instrument) -> None:
    path = tmp_path / "short.csv"
    path.write_text("利用者の確保,企業との連携\n1,2\n3\n", encoding="utf-8")
    table = read_responses(path, form)
    assert table.choice("q03_employer_collaboration").codes.tolist() == [1, MISSING_CODE]


def test_long_rows_are_an_error(tmp_path: Path, form: Instrument) -> None:
    path = tmp_path / "long.csv"
    path.write_text("利用者の確保\n1\n2,3,4\n", encoding="utf-8")
    with pytest.raises(ResponseFileError, match="not a readable CSV file"):
        read_responses(path, form)


def test_cp932_bytes_after_a_long_ascii_start(tmp_path: Path, form: Instrument) -> None:
    rows = [["q01_securing_users", "self_plan_text"], *(["1", "x" * 50] for _ in range(3000))]
    rows.append(["2", "手書きのメモ"])
    path = write_csv(tmp_path / "late.csv", rows, encoding="cp932")
    table = read_responses(path, form)
    assert table.text("self_plan_text").values[-1] == "手書きのメモ"


def test_empty_file(tmp_path: Path, form: Instrument) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(ResponseFileError, match="empty"):
        read_responses(path, form)


def test_header_only(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(tmp_path / "head.csv", [["response_id", "利用者の確保", "所属"]])
    table = read_responses(path, form)
    assert table.respondents == 0
    assert table.choice("q01_securing_users").codes.tolist() == []
