"""XLSForm files that are not what they claim: read within limits or refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from teichaku.instrument import InstrumentError, load_xlsform
from teichaku.instrument.xlsform import load_xlsform_bytes
from teichaku.spreadsheets import FORM_LIMITS

ROWS = [["type", "name", "label"], ["integer", "n", "人数"], ["text", "note", "メモ"]]


def test_an_xlsform_claiming_every_cell_is_read_for_what_it_holds(
    tmp_path: Path, sheet_lies
) -> None:
    path = tmp_path / "claims.xlsx"
    path.write_bytes(sheet_lies.xlsx(ROWS, sheet_lies.claim_whole_sheet, title="survey"))
    with sheet_lies.deadline(5):
        form = load_xlsform(path)
    assert [q.name for q in form.questions] == ["n", "note"]


def test_an_xlsform_with_a_row_far_down_is_refused_in_seconds(sheet_lies) -> None:
    # pyxform gave up after 60 blank rows; our one reader counts them toward the limit.
    data = sheet_lies.xlsx(
        ROWS,
        lambda xml: sheet_lies.add_last_row(sheet_lies.claim_whole_sheet(xml)),
        title="survey",
    )
    before = sheet_lies.peak_memory_mb()
    with sheet_lies.deadline(5), pytest.raises(InstrumentError) as caught:
        load_xlsform_bytes(data, "upload.xlsx")
    assert sheet_lies.peak_memory_mb() - before < 200
    message = str(caught.value)
    assert message.startswith("upload.xlsx: ")
    assert f"上限 {FORM_LIMITS.rows:,} 行" in message and "/tmp" not in message


def test_an_xlsform_zip_bomb_is_refused(sheet_lies) -> None:
    data = sheet_lies.xlsx(ROWS, sheet_lies.pad_sheet(80), title="survey")
    with sheet_lies.deadline(5), pytest.raises(InstrumentError) as caught:
        load_xlsform_bytes(data, "bomb.xlsx")
    assert f"上限 {FORM_LIMITS.unzipped_bytes:,} バイト" in str(caught.value)


def test_a_csv_xlsform_without_the_sheet_column_is_a_clear_error(tmp_path: Path) -> None:
    # The survey desk answered this upload with a 500 (pyxform's TypeError).
    data = "type,name,label\ntext,q1,質問1\n".encode()
    with pytest.raises(InstrumentError) as caught:
        load_xlsform_bytes(data, "form.csv")
    message = str(caught.value)
    assert message.startswith("form.csv: ")
    assert "survey,type,name,label" in message and "'type'" in message
    assert "1列目にはシート名" in message


def test_a_csv_xlsform_with_the_sheet_column_loads(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text("survey,type,name,label\n,text,q1,質問1\n", encoding="utf-8")
    assert [q.name for q in load_xlsform(path).questions] == ["q1"]


def test_a_refused_cell_carries_its_japanese_wording_for_pages() -> None:
    from teichaku.bilingual import japanese_of
    from teichaku.instrument import InstrumentError
    from teichaku.instrument.xlsform import load_xlsform_bytes

    form = (
        "| survey |\n| | type | name | label |\n| | begin repeat | r | 繰り返し |\n"
        "| | text | t | 自由記述 |\n| | end repeat | | |\n"
    )
    with pytest.raises(InstrumentError) as caught:
        load_xlsform_bytes(form.encode(), "form.md")
    assert "repeats are not supported" in str(caught.value)
    said = japanese_of(caught.value)
    assert said is not None
    assert said.startswith("form.md: survey シートの 2 行目、type 列の値 'begin repeat'")
    assert "繰り返し(repeat)には対応していません" in said
