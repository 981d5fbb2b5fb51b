"""Issue 13, "Must show": the real PISA data set (`../shared/datasets/pisaitems/`) weighted by
a column derived here (each country a third of the total) and compared as three waves (one per
country), both through the commands a researcher types; the reports' figures read in chromium.

Skips, saying why, where the data set or chromium is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from teichaku.cli import main

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FORM = Path(__file__).parents[1] / "fixtures" / "pisaitems.xlsform.md"
COUNTRIES = ("Canada", "Mexico", "United States")


def _run(*args: str | Path) -> None:
    result = CliRunner().invoke(main, [*map(str, args)])
    assert result.exit_code == 0, result.output


def _every_figure_drawn(page: Any) -> tuple[bool, int]:
    return (
        page.evaluate(
            "[...document.images].every(image => image.complete && image.naturalWidth > 0)"
        ),
        page.locator("img").count(),
    )


def test_pisa_weighted_by_country_and_as_three_waves_reads_in_chromium(
    datasets_dir: Path, watched_page: Any, tmp_path: Path
) -> None:
    source = datasets_dir / "pisaitems" / "pisaitems.csv.gz"
    if not source.is_file():
        pytest.skip(f"{source} is absent")
    raw = pd.read_csv(source, dtype=str, keep_default_na=False)
    assert set(raw["CNT"]) == set(COUNTRIES)
    share = raw["CNT"].map(raw["CNT"].value_counts(normalize=True))
    raw["country_weight"] = (1 / 3) / share  # derived: each country a third of the total
    weighted = tmp_path / "pisa-weighted.csv"
    raw.to_csv(weighted, index=False)
    # Each wave weighted too, by a column derived within the country: every answer of
    # ST24Q01 (a blank one too) weighs as if all were equally common.
    counts = raw.groupby(["CNT", "ST24Q01"])["ST24Q01"].transform("size")
    kinds = raw.groupby("CNT")["ST24Q01"].transform("nunique")
    raw["wave_weight"] = raw["CNT"].map(raw["CNT"].value_counts()) / (kinds * counts)
    waves = []
    for country in COUNTRIES:
        path = tmp_path / f"{country}.csv"
        raw[raw["CNT"] == country].drop(columns="country_weight").to_csv(path, index=False)
        waves.append(path)

    report = tmp_path / "weighted"
    _run("analyze", weighted, "--instrument", FORM, "--weights", "country_weight", "--out", report)
    tables = json.loads((report / "tables.json").read_text(encoding="utf-8"))
    assert tables["weighting"]["column"] == "country_weight"
    cnt = next(q for q in tables["questions"] if q["name"] == "CNT")
    assert [o["percent"] for o in cnt["options"]] == pytest.approx([100 / 3] * 3)
    compared = tmp_path / "waves"
    _run("waves", *waves, "--instrument", FORM, "--labels", ",".join(COUNTRIES),
         "--weights", "wave_weight", "--out", compared)  # fmt: skip
    data = json.loads((compared / "waves.json").read_text(encoding="utf-8"))
    assert data["schema"] == "teichaku.waves/1"
    assert [w["label"] for w in data["waves"]] == list(COUNTRIES)
    assert data["weighting"]["column"] == "wave_weight"
    assert all(w["design_effect"] > 1 for w in data["waves"])
    st24 = next(q for q in data["questions"] if q["name"] == "ST24Q01")
    for change in st24["changes"]:  # weighted: the options equally common in every wave
        answered = [o for o in change["options"] if o["base_to"]]
        assert len({round(o["percent_to"], 6) for o in answered}) == 1, change

    for html, heading in (
        (report / "report.html", None),
        (compared / "waves.html", "前回調査との比較"),
    ):
        page, problems = watched_page(viewport={"width": 1280, "height": 900})
        page.goto(html.as_uri())
        if heading:
            assert page.get_by_role("heading", name=heading, exact=True).is_visible()
        drawn, count = _every_figure_drawn(page)
        assert drawn and count > 0, (html, count)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert not problems, problems
    # waves.html: one trend figure per item compared (CNT itself differs by wave, as it must).
    page, _ = watched_page()
    page.goto((compared / "waves.html").as_uri())
    assert page.locator("figure img").count() == len(
        list((compared / "figures").glob("trend_*.svg"))
    )
