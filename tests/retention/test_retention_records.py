"""RECORDS files: encodings, 和暦, Japanese headers, strict row/column/value errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from teichaku.retention.records import RecordsError, parse_records, read_records, write_records

HEADER = "person_id,service_start,service_end,hired_on,left_on,memo\n"


def test_utf8_bom_and_cp932_with_wareki_and_japanese_headers(tmp_path: Path) -> None:
    text = "利用者ID,利用開始日,利用終了日,就職日,離職日,備考\nあ,令和5年10月1日,,R5.4.1,,メモ\n"
    for encoding in ("utf-8-sig", "cp932"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        records = read_records(path)
        assert records.people[0].person_id == "あ"
        assert records.people[0].service_start.isoformat() == "2023-10-01"
        assert records.extra_columns == ("備考",)


def test_episodes_of_one_person_are_grouped() -> None:
    records = parse_records(
        HEADER + "a,2023-10-01,,2023-04-01,2024-01-31,\na,2023-10-01,,2024-02-10,,\n"
    )
    assert len(records.people) == 1 and len(records.people[0].employments) == 2


def test_unknown_end_is_read() -> None:
    records = parse_records(HEADER + "a,2023-10-01,,2023-04-01,不明,\n")
    assert records.people[0].employments[0].end_unknown


def test_bad_rows_are_refused_with_row_column_and_value() -> None:
    with pytest.raises(RecordsError) as error:
        parse_records(
            HEADER + "a,2023-10-01,,2023-04-01,,\nb,2023-13-01,,2023-04-01,,\n,2023-10-01,,,\n",
            "x.csv",
        )
    message = str(error.value)
    assert "x.csv" in message
    assert "3行目 / row 3, 列 / column service_start: '2023-13-01'" in message
    assert "row 4, 列 / column person_id" in message
    assert "row 4, 列 / column hired_on" in message


def test_left_before_hired_and_inconsistent_service_periods_are_refused() -> None:
    with pytest.raises(RecordsError, match="column left_on"):
        parse_records(HEADER + "a,2023-10-01,,2023-04-01,2023-01-01,\n")
    with pytest.raises(RecordsError, match="column service_end"):
        parse_records(HEADER + "a,2023-10-01,,2023-04-01,,\na,2023-10-01,2024-01-01,2024-02-01,,\n")


def test_missing_columns_are_named() -> None:
    with pytest.raises(RecordsError, match="hired_on, left_on"):
        parse_records("person_id,service_start,service_end\n")


def test_the_writer_is_read_back_with_none_and_unknown() -> None:
    records = parse_records(
        HEADER + "a,2023-10-01,,2023-04-01,不明,\nb,2023-11-01,2024-03-31,なし,,\n"
        "c,2023-10-01,,2023-04-01,2024-01-31,\nc,2023-10-01,,2024-02-10,,\n"
    )
    text = write_records(records.people)
    assert "a,2023-10-01,,2023-04-01,不明" in text and "b,2023-11-01,2024-03-31,なし," in text
    again = parse_records(text)
    by_id = {p.person_id: p for p in again.people}
    assert by_id == {p.person_id: p for p in records.people}
    assert by_id["b"].employments == () and by_id["a"].employments[0].end_unknown


@pytest.mark.parametrize("bad", ["0024-04-01", "0001-01-01", "9999-12-31", "1988-12-31"])
def test_a_date_outside_the_sane_range_is_refused_with_row_column_and_range(bad: str) -> None:
    with pytest.raises(RecordsError) as refused:
        parse_records(HEADER + f"a,2023-10-01,,{bad},,\n", today=date(2025, 5, 1))
    message = str(refused.value)
    assert "row 2" in message and "hired_on" in message and bad in message
    assert "1989-01-08〜2035-05-01" in message
