from __future__ import annotations

import pytest
from openpyxl import load_workbook

from teichaku.report import write_xlsx_report
from teichaku.report.xlsx import sheet_name
from teichaku.tabulate import SurveyTables


@pytest.fixture(scope="module")
def book(tables: SurveyTables, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    write_xlsx_report(tables, path)
    return load_workbook(path)


def _rows(sheet) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(sheet.iter_rows(values_only=True))


def sheet_of(book, question: str):  # type: ignore[no-untyped-def]
    """The sheet the index lists for a question (sheets are named by labels)."""
    row = next(r for r in _rows(book["目次"]) if isinstance(r[0], int) and r[2] == question)
    return book[row[1]]


def test_index_first_then_one_sheet_per_table(book, tables: SurveyTables) -> None:  # type: ignore[no-untyped-def]
    names = book.sheetnames
    assert names[0] == "目次"
    expected = len(tables.questions) + len(tables.cross_tables) + 2  # index, ranking
    assert len(names) == expected
    assert all(len(n) <= 31 for n in names) and len({n.lower() for n in names}) == len(names)
    assert "利用者の確保" in names and "事業所の設置法人" in names  # labels, not names
    listed = [row[1] for row in _rows(book["目次"]) if isinstance(row[0], int)]
    assert listed == names[1:]


def test_likert_counts_and_unrounded_percent(book) -> None:  # type: ignore[no-untyped-def]
    sheet = sheet_of(book, "q01_securing_users")
    rows = _rows(sheet)
    header = rows.index(("選択肢", "値", "度数", "％"))
    assert rows[header + 7][:3] == ("７：非常に課題である", "7", 65)
    assert rows[header + 7][3] == pytest.approx(100 * 65 / 300)
    assert sheet.cell(header + 8, 4).number_format == "0.0"
    assert ("有効回答数", None, 300, 100.0) in rows
    assert ("無回答", None, 7, None) in rows


def test_coded_text_sheet(book) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(sheet_of(book, "other_org_users_text"))
    row = next(r for r in rows if r[0] == "企業と支援機関等との連携の課題")
    assert row[1:3] == ("collaboration", 19)
    assert row[3] == pytest.approx(100 * 19 / 61)
    assert next(r for r in rows if r[0] == "記述数（基数）")[2] == 61


def test_multi_sheet_has_both_bases(book, tables: SurveyTables) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(sheet_of(book, "monitoring_methods"))
    assert "％（回答者ベース）" in rows[rows.index(next(r for r in rows if r[0] == "選択肢"))]
    table = tables.table("monitoring_methods")
    phone = next(r for r in rows if r[0] == "電話連絡")
    assert phone[2] == table.options[0].count  # type: ignore[union-attr]


def test_sheet_names_are_valid_and_unique() -> None:
    used: set[str] = set()
    first = sheet_name("a" * 40, used)
    second = sheet_name("A" * 40, used)
    assert len(first) == len(second) == 31 and first.lower() != second.lower()
    assert sheet_name("x[1]:y*?/\\", used) == "x_1__y____"


def test_sheets_are_named_by_labels_within_excels_rules(book) -> None:  # type: ignore[no-untyped-def]
    names = book.sheetnames
    assert not [n for n in names if any(c in n for c in "[]:*?/\\")]
    assert "就職後の利用者の状態把握の方法" in names
    crosses = [n for n in names if "×事業所の設置法人" in n]
    assert crosses and all(len(n) <= 31 for n in crosses)
    assert not [n for n in names if n.startswith(("q0", "x_"))]
