"""How sure, as the reports show it: interval columns in report.xlsx, report.html only on demand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from statsmodels.stats.proportion import proportion_confint

from teichaku.instrument import load_instrument
from teichaku.report import render_html, write_xlsx_report
from teichaku.report.sentences import format_percent
from teichaku.responses import responses_from_records
from teichaku.tabulate import LikertTable, MultiTable, SurveyTables, tabulate_survey

Q01 = "q01_securing_users"


def _rows(sheet) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(sheet.iter_rows(values_only=True))


def test_xlsx_has_interval_columns_for_choice_and_multi(
    tables: SurveyTables, tmp_path: Path
) -> None:
    path = tmp_path / "report.xlsx"
    write_xlsx_report(tables, path)
    book = load_workbook(path)
    index = _rows(book["目次"])
    name_of: dict[str, str] = {}
    for r in index:  # a question's own sheet comes before its cross tables
        if isinstance(r[0], int):
            name_of.setdefault(r[2], r[1])
    sheet = book[name_of[Q01]]
    rows = _rows(sheet)
    header = next(i for i, r in enumerate(rows) if r[2] == "95％信頼区間 下限％")
    assert rows[header][:4] == ("選択肢", "値", "95％信頼区間 下限％", "95％信頼区間 上限％")
    q01 = tables.table(Q01)
    assert isinstance(q01, LikertTable)
    very = rows[header + 7]
    assert very[:2] == ("７：非常に課題である", "7")
    low, high = proportion_confint(65, 300, method="wilson")
    assert very[2:4] == pytest.approx((100 * low, 100 * high))
    assert sheet.cell(header + 8, 3).number_format == "0.0"
    mean_low = next(r for r in rows if r[0] == "平均の95％信頼区間（下限）")
    assert mean_low[1] == pytest.approx(q01.mean_ci_low)
    assert sheet.cell(rows.index(mean_low) + 1, 2).number_format != "0.0"  # a mean, not a %
    multi = tables.table("monitoring_methods")
    assert isinstance(multi, MultiTable)
    rows = _rows(book[name_of["monitoring_methods"]])
    header = next(i for i, r in enumerate(rows) if r[2] == "95％信頼区間 下限％")
    phone = rows[header + 1]
    low, high = proportion_confint(multi.options[0].count, multi.cases, method="wilson")
    assert phone[2:4] == pytest.approx((100 * low, 100 * high))  # of the cases


def test_html_shows_intervals_only_when_asked(tables: SurveyTables) -> None:
    q01 = tables.table(Q01)
    assert isinstance(q01, LikertTable)
    very = q01.options[-1]
    shown = f"{format_percent(very.ci_low)}～{format_percent(very.ci_high)}"
    plain = render_html(tables, generated=dt.date(2024, 2, 1))
    assert "95％信頼区間" not in plain and shown not in plain
    with_intervals = render_html(tables, generated=dt.date(2024, 2, 1), intervals=True)
    assert shown in with_intervals
    assert f"平均の95％信頼区間 {q01.mean_ci_low:.2f}～{q01.mean_ci_high:.2f}" in with_intervals


def test_small_bases_are_flagged_in_both_reports(tmp_path: Path) -> None:
    form = load_instrument("retention-challenges-2024")
    rows = [{Q01: str(1 + i % 7)} for i in range(29)]
    tables = tabulate_survey(responses_from_records(form, rows))
    caution = "有効回答数が30人未満（29人）"
    assert caution in render_html(tables, generated=dt.date(2024, 2, 1))
    path = tmp_path / "report.xlsx"
    write_xlsx_report(tables, path)
    book = load_workbook(path)
    name = next(r[1] for r in _rows(book["目次"]) if isinstance(r[0], int) and r[2] == Q01)
    assert any(caution in str(r[0]) for r in _rows(book[name]))
    rows.append({Q01: "7"})
    tables = tabulate_survey(responses_from_records(form, rows))
    html = render_html(tables, generated=dt.date(2024, 2, 1))
    assert "30人未満（30人）" not in html


def test_analyze_writes_intervals_into_the_html_only_with_the_flag(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from teichaku.cli.analyze import analyze

    responses = tmp_path / "responses.csv"
    lines = ["利用者の確保"] + [str(1 + i % 7) for i in range(12)]
    responses.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    for flag, shown in (([], False), (["--intervals"], True)):
        out = tmp_path / f"out{len(flag)}"
        args = [str(responses), "--instrument", "retention-challenges-2024", "--out", str(out)]
        result = runner.invoke(analyze, [*args, *flag])
        assert result.exit_code == 0, result.output
        html = (out / "report.html").read_text(encoding="utf-8")
        assert ("95％信頼区間" in html) is shown
        assert "有効回答数が30人未満（12人）" in html
        data = json.loads((out / "tables.json").read_text(encoding="utf-8"))
        q01 = next(q for q in data["questions"] if q["name"] == Q01)
        assert q01["small_base"] is True and q01["mean_ci_low"] is not None
