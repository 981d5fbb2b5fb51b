"""Ordinal scales the instrument marks as such (XLSForm ``ordinal``, choices' ``score``):
mean, SD, median and the mean's interval in the tables, tables.json, XLSX and the report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from click.testing import CliRunner
from scipy import stats

from teichaku.cli import main
from teichaku.instrument import InstrumentError, load_xlsform
from teichaku.responses import responses_from_records
from teichaku.tabulate import ChoiceTable, LikertTable, OrdinalTable, tabulate_choice

FORM = """
| survey |
| | type | name | label | ordinal | appearance |
| | select_one often | visits | 訪問の頻度 | yes | |
| | select_one staff | staff | 職員数 | yes | |
| | select_one region | region | 地域 | | |
| | select_one agree | agree | 満足している | yes | likert |
| choices |
| | list_name | name | label | score |
| | often | never | 全くない | |
| | often | monthly | 月に1回 | |
| | often | weekly | 週に1回 | |
| | often | daily | 毎日 | |
| | staff | s1 | 1～4人 | 2.5 |
| | staff | s2 | 5～9人 | 7 |
| | staff | s3 | 10人以上 | 15 |
| | region | east | 東 | |
| | region | west | 西 | |
| | agree | 1 | 反対 | |
| | agree | 2 | どちらでもない | |
| | agree | 3 | 賛成 | |
| settings |
| | form_title | form_id |
| | 順序尺度 | ordinal_form |
"""

VISITS = ["never", "monthly", "monthly", "weekly", "weekly", "weekly", "daily", None, "daily"]
STAFF = ["s1", "s1", "s2", "s3", "s3", "s2", "s1", "s2", None]


@pytest.fixture
def form_path(tmp_path: Path) -> Path:
    path = tmp_path / "ordinal.md"
    path.write_text(FORM, encoding="utf-8")
    return path


def test_the_ordinal_column_marks_a_scale_scored_by_order_or_by_the_score_column(
    form_path: Path,
) -> None:
    form = load_xlsform(form_path)
    assert form.question("visits").ordinal and form.question("visits").scores == (1, 2, 3, 4)
    assert form.question("staff").scores == (2.5, 7.0, 15.0)
    assert form.question("region").scores is None and not form.question("region").ordinal
    # A Likert item is a scale already: its own scores, not an ordinal item as well.
    agree = form.question("agree")
    assert agree.likert is not None and not agree.ordinal and agree.scores == (1, 2, 3)


def _rows() -> list[dict[str, object]]:
    return [{"visits": v, "staff": s} for v, s in zip(VISITS, STAFF, strict=True)]


def test_mean_sd_median_and_interval_equal_numpy_and_scipy(form_path: Path) -> None:
    form = load_xlsform(form_path)
    responses = responses_from_records(form, _rows())
    for name, answers, score in (
        ("visits", VISITS, {"never": 1, "monthly": 2, "weekly": 3, "daily": 4}),
        ("staff", STAFF, {"s1": 2.5, "s2": 7.0, "s3": 15.0}),
    ):
        table = tabulate_choice(responses.choice(name))
        assert isinstance(table, OrdinalTable) and not isinstance(table, LikertTable)
        values = np.array([score[a] for a in answers if a is not None], dtype=float)
        assert table.n == len(values)
        assert table.mean == pytest.approx(values.mean(), abs=1e-12)
        assert table.sd == pytest.approx(values.std(ddof=1), abs=1e-12)
        assert table.median == pytest.approx(float(np.median(values)), abs=1e-12)
        low, high = stats.t.interval(
            0.95, len(values) - 1, loc=values.mean(), scale=stats.sem(values)
        )
        assert (table.mean_ci_low, table.mean_ci_high) == pytest.approx((low, high), abs=1e-12)
    region = tabulate_choice(responses_from_records(form, [{"region": "east"}]).choice("region"))
    assert type(region) is ChoiceTable


def test_weighted_ordinal_mean_equals_numpy_average(form_path: Path) -> None:
    form = load_xlsform(form_path)
    responses = responses_from_records(form, _rows())
    weights = np.array([0.5, 1.0, 2.0, 1.5, 1.0, 3.0, 0.7, 1.2, 2.2])
    table = tabulate_choice(responses.choice("staff"), weights)
    score = {"s1": 2.5, "s2": 7.0, "s3": 15.0}
    kept = [i for i, s in enumerate(STAFF) if s is not None]
    values = np.array([score[STAFF[i]] for i in kept])  # type: ignore[index]
    w = weights[kept]
    assert isinstance(table, OrdinalTable)
    assert table.mean == pytest.approx(np.average(values, weights=w), abs=1e-12)
    variance = np.average((values - np.average(values, weights=w)) ** 2, weights=w)
    n = len(values)
    assert table.sd == pytest.approx(np.sqrt(variance * n / (n - 1)), abs=1e-12)
    assert table.effective_n == pytest.approx(w.sum() ** 2 / (w**2).sum(), abs=1e-12)


@pytest.mark.parametrize(
    ("change", "column", "value"),
    [
        (
            ("| visits | 訪問の頻度 | yes |", "| visits | 訪問の頻度 | sometimes |"),
            "ordinal",
            "sometimes",
        ),
        (("| s2 | 5～9人 | 7 |", "| s2 | 5～9人 | 七 |"), "score", "七"),
        (("| s2 | 5～9人 | 7 |", "| s2 | 5～9人 | |"), "ordinal", "yes"),
        (("select_one often | visits", "select_multiple often | visits"), "ordinal", "yes"),
        (("select_one often | visits", "select_one often or_other | visits"), "ordinal", "yes"),
    ],
    ids=[
        "not-yes-or-no",
        "score-not-a-number",
        "some-scores-missing",
        "not-select-one",
        "or-other",
    ],
)
def test_bad_ordinal_cells_are_refused_naming_sheet_row_column_and_value(
    tmp_path: Path, change: tuple[str, str], column: str, value: str
) -> None:
    path = tmp_path / "bad.md"
    path.write_text(FORM.replace(*change), encoding="utf-8")
    with pytest.raises(InstrumentError) as error:
        load_xlsform(path)
    message = str(error.value)
    assert "bad.md: sheet '" in message and f"column {column!r}, value {value!r}" in message


def test_tables_json_xlsx_and_report_show_the_ordinal_summary(
    form_path: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.csv"
    lines = ["visits,staff"] + [f"{v or ''},{s or ''}" for v, s in zip(VISITS, STAFF, strict=True)]
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["analyze", str(answers), "--instrument", str(form_path), "--out", str(out), "--intervals"],
    )
    assert result.exit_code == 0, result.output
    data = {q["name"]: q for q in json.loads((out / "tables.json").read_text("utf-8"))["questions"]}
    staff = data["staff"]
    assert staff["ordinal"] is True and staff["scores"] == [2.5, 7.0, 15.0]
    direct = tabulate_choice(
        responses_from_records(load_xlsform(form_path), _rows()).choice("staff")
    )
    assert isinstance(direct, OrdinalTable)
    assert staff["mean"] == direct.mean and staff["sd"] == direct.sd
    assert (staff["mean_ci_low"], staff["mean_ci_high"]) == (
        direct.mean_ci_low,
        direct.mean_ci_high,
    )
    assert "mean" not in data["region"] and "ordinal" not in data["region"]

    book = openpyxl.load_workbook(out / "report.xlsx")
    cells = [
        [c for c in row if c is not None]
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        if sheet["A1"].value == "職員数"
    ]
    assert ["得点", "1～4人＝2.5、5～9人＝7、10人以上＝15"] in cells
    assert ["平均", direct.mean] in cells and ["標準偏差", direct.sd] in cells
    assert ["平均の95％信頼区間（下限）", direct.mean_ci_low] in cells
    assert any(str(line).startswith("種類：順序尺度") for row in cells for line in row)

    html = (out / "report.html").read_text("utf-8")
    assert (
        "順序尺度の得点（1～4人＝2.5、5～9人＝7、10人以上＝15）の平均 " + f"{direct.mean:.2f}"
        in html
    )
    assert f"平均の95％信頼区間 {direct.mean_ci_low:.2f}～{direct.mean_ci_high:.2f}" in html


def test_instrument_show_lists_an_ordinal_items_scores(form_path: Path) -> None:
    result = CliRunner().invoke(main, ["instrument", "show", str(form_path), "--json"])
    assert result.exit_code == 0, result.output
    questions = {q["name"]: q for q in json.loads(result.output)["questions"]}
    assert questions["staff"]["scores"] == [2.5, 7.0, 15.0]
    assert "scores" not in questions["region"] and "scores" not in questions["agree"]


def test_waves_of_differently_scored_scales_are_not_the_same_instrument(
    form_path: Path, tmp_path: Path
) -> None:
    from teichaku.instrument.compare import instrument_difference

    rescored = tmp_path / "rescored.md"
    rescored.write_text(FORM.replace("| s3 | 10人以上 | 15 |", "| s3 | 10人以上 | 12 |"), "utf-8")
    difference = instrument_difference(load_xlsform(form_path), load_xlsform(rescored))
    assert difference is not None and "staff" in difference
