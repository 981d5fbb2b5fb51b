"""The real pisaitems data set, weighted: by a column derived here, and raked by country.

The weights are made in the test (each country counts as a third of the students), written
beside the answers into a temporary CSV, and the weighted figures are compared with pandas
on the raw labels. Raking to made-up population shares of the three countries must reach
them to 1e-6.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from teichaku.analysis import analyze, write_outputs
from teichaku.instrument import Instrument, load_xlsform
from teichaku.report import write_xlsx_report

FORM = Path(__file__).parents[1] / "fixtures" / "pisaitems.xlsform.md"
AGREE = {"Strongly disagree": 1, "Disagree": 2, "Agree": 3, "Strongly agree": 4}
COUNTRIES = {"Canada": "CAN", "Mexico": "MEX", "United States": "USA"}


@pytest.fixture(scope="module")
def weighted_pisa(datasets_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = datasets_dir / "pisaitems" / "pisaitems.csv.gz"
    if not source.is_file():
        pytest.skip(f"{source} is absent")
    raw = pd.read_csv(source, dtype=str, keep_default_na=False)
    share = raw["CNT"].map(raw["CNT"].value_counts(normalize=True))
    raw["country_weight"] = (1 / 3) / share  # each country a third of the weighted total
    path = tmp_path_factory.mktemp("pisa") / "pisa-weighted.csv"
    raw.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def pisa_form() -> Instrument:
    return load_xlsform(FORM)


def test_pisa_weighted_by_country_equals_pandas(
    weighted_pisa: Path, pisa_form: Instrument, tmp_path: Path
) -> None:
    analysis = analyze(weighted_pisa, pisa_form, weights="country_weight")
    write_outputs(analysis, tmp_path, tables_only=True)
    write_xlsx_report(analysis.tables, tmp_path / "report.xlsx")  # the full report: too slow here
    data = json.loads((tmp_path / "tables.json").read_text(encoding="utf-8"))
    questions = {q["name"]: q for q in data["questions"]}
    for option in questions["CNT"]["options"]:
        assert option["percent"] == pytest.approx(100 / 3)
    raw = pd.read_csv(weighted_pisa, dtype=str, keep_default_na=False)
    weights = raw["country_weight"].astype(float)
    answered = raw["ST24Q01"] != ""
    scores = raw.loc[answered, "ST24Q01"].map(AGREE).astype(float)
    w = weights[answered]
    mean = float((scores * w).sum() / w.sum())
    got = questions["ST24Q01"]
    assert got["n"] == int(answered.sum())
    assert got["weighted_n"] == pytest.approx(w.sum())
    assert got["effective_n"] == pytest.approx(w.sum() ** 2 / (w**2).sum())
    assert got["mean"] == pytest.approx(mean)
    n = len(scores)
    variance = float((w * (scores - mean) ** 2).sum() / w.sum() * n / (n - 1))
    assert got["sd"] == pytest.approx(np.sqrt(variance))
    index = load_workbook(tmp_path / "report.xlsx").worksheets[0]
    said = [row[0] for row in index.iter_rows(max_row=5, values_only=True)]
    assert any("列「country_weight」の重み" in str(line) for line in said)


def test_pisa_raked_to_country_shares(
    weighted_pisa: Path, pisa_form: Instrument, tmp_path: Path
) -> None:
    targets = tmp_path / "targets.csv"
    shares = {"Canada": 0.1, "Mexico": 0.3, "United States": 0.6}
    targets.write_text(
        "question,option,share\n" + "".join(f"CNT,{c},{s}\n" for c, s in shares.items()),
        encoding="utf-8",
    )
    analysis = analyze(weighted_pisa, pisa_form, rake_path=targets, ignore_extra_columns=True)
    write_outputs(analysis, tmp_path / "out", tables_only=True)
    weights = analysis.responses.weights
    assert weights is not None
    raw = pd.read_csv(weighted_pisa, dtype=str, keep_default_na=False)
    by_country = pd.Series(weights).groupby(raw["CNT"].to_numpy()).sum() / weights.sum()
    for country, share in shares.items():
        assert abs(by_country[country] - share) <= 1e-6
    assert analysis.tables.weighting is not None
    assert analysis.tables.weighting.design_effect > 1
