"""Response workbooks that lie about their size are read for what they hold, or refused
in seconds with the file and the limit named — never a worker's memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from teichaku.instrument import Instrument, load_xlsform
from teichaku.responses import ResponseFileError, read_responses
from teichaku.spreadsheets import RESPONSE_LIMITS


@pytest.fixture
def count_form(tmp_path: Path) -> Instrument:
    path = tmp_path / "count.md"
    path.write_text("| survey |\n| | type | name | label |\n| | integer | n | 人数 |\n")
    return load_xlsform(path)


def test_a_sheet_claiming_every_cell_is_read_for_what_it_holds(
    tmp_path: Path, count_form: Instrument, sheet_lies
) -> None:
    path = tmp_path / "claims.xlsx"
    path.write_bytes(sheet_lies.xlsx([["n"], [3], [5]], sheet_lies.claim_whole_sheet))
    assert path.stat().st_size < 6_000
    before = sheet_lies.peak_memory_mb()
    with sheet_lies.deadline(5):
        table = read_responses(path, count_form)
    assert list(table.answers["n"].values) == [3, 5]
    assert sheet_lies.peak_memory_mb() - before < 200


def test_a_sheet_claiming_every_cell_down_to_the_last_row_is_refused_in_seconds(
    tmp_path: Path, count_form: Instrument, sheet_lies
) -> None:
    # Today's reader pads each of the million rows to 16,384 cells until MemoryError.
    path = tmp_path / "last-row.xlsx"
    data = sheet_lies.xlsx(
        [["n"], [3]], lambda xml: sheet_lies.add_last_row(sheet_lies.claim_whole_sheet(xml))
    )
    path.write_bytes(data)
    assert len(data) < 6_000
    before = sheet_lies.peak_memory_mb()
    with sheet_lies.deadline(5), pytest.raises(ResponseFileError) as caught:
        read_responses(path, count_form)
    assert sheet_lies.peak_memory_mb() - before < 200
    message = str(caught.value)
    assert "last-row.xlsx" in message
    assert f"{RESPONSE_LIMITS.rows:,}" in message and "blank rows included" in message


def test_a_row_wider_than_the_column_limit_is_refused(
    tmp_path: Path, count_form: Instrument, sheet_lies
) -> None:
    path = tmp_path / "wide.xlsx"
    width = RESPONSE_LIMITS.columns + 1
    path.write_bytes(sheet_lies.xlsx([["n"], [3, *([None] * (width - 2)), "x"]]))
    with sheet_lies.deadline(5), pytest.raises(ResponseFileError) as caught:
        read_responses(path, count_form)
    message = str(caught.value)
    assert "wide.xlsx" in message and "row 2" in message
    assert f"{width:,} columns; the limit is {RESPONSE_LIMITS.columns:,}" in message


def test_trailing_empty_cells_do_not_count_as_columns(
    tmp_path: Path, count_form: Instrument, sheet_lies
) -> None:
    path = tmp_path / "styled.xlsx"
    far = b'<c r="XFD2" s="0"/></row>'
    data = sheet_lies.xlsx(
        [["n"], [3]], lambda xml: xml.replace(b"</row>", far, 2).replace(far, b"</row>", 1)
    )
    path.write_bytes(data)
    assert list(read_responses(path, count_form).answers["n"].values) == [3]


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    tmp_path: Path, count_form: Instrument, sheet_lies
) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(sheet_lies.xlsx([["n"], [3]], sheet_lies.pad_sheet(40)))
    assert path.stat().st_size < 200_000
    with sheet_lies.deadline(5), pytest.raises(ResponseFileError) as caught:
        read_responses(path, count_form)
    message = str(caught.value)
    assert "bomb.xlsx" in message and "xl/worksheets/sheet1.xml" in message
    assert "more than 250:1 is refused" in message
