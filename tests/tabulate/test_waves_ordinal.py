"""Ordinal items (XLSForm ``ordinal``, choices' ``score``) across waves: Mann–Whitney U, p and
r on their scores, as a Likert item, checked against scipy on scores mapped by hand."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy.stats import mannwhitneyu, norm

from teichaku.instrument.xlsform import load_xlsform_bytes
from teichaku.report.wave_html import render_waves_html
from teichaku.responses import responses_from_records
from teichaku.tabulate.waves import Wave, WavesComparison, compare_waves
from teichaku.tabulate.waves_json import waves_as_json

FORM = load_xlsform_bytes(
    """
| survey |
| | type | name | label | ordinal |
| | select_one often | visits | 訪問の頻度 | yes |
| | select_one staff | staff | 職員数 | yes |
| | select_one region | region | 地域 | |
| choices |
| | list_name | name | label | score |
| | often | never | A | |
| | often | monthly | B | |
| | often | weekly | C | |
| | often | daily | D | |
| | staff | s1 | small | 2.5 |
| | staff | s2 | middle | 7 |
| | staff | s3 | large | 15 |
| | region | east | E | |
| | region | west | W | |
""".encode(),
    "ordinal-waves.md",
)
# The scores by hand: the declared order for visits, the score column for staff.
SCORES = {
    "visits": {"never": 1, "monthly": 2, "weekly": 3, "daily": 4},
    "staff": {"s1": 2.5, "s2": 7.0, "s3": 15.0},
}
Rows = list[dict[str, str | None]]


def records(seed: int, n: int, lean: float) -> Rows:
    rng = random.Random(seed)
    return [
        {
            "visits": rng.choices(
                ["never", "monthly", "weekly", "daily", None], [2, 3, 2 + lean, 1 + lean, 0.4]
            )[0],
            "staff": rng.choices(["s1", "s2", "s3", None], [3, 2 + lean, 1, 0.2])[0],
            "region": rng.choice(["east", "west"]),
        }
        for _ in range(n)
    ]


@pytest.fixture(scope="module")
def waves() -> tuple[list[Rows], WavesComparison]:
    data = [records(11, 140, 0.0), records(12, 120, 1.5), records(13, 60, -0.5)]
    labels = ["前々回", "前回", "今回"]
    return data, compare_waves(
        [
            Wave(label, responses_from_records(FORM, rows))
            for label, rows in zip(labels, data, strict=True)
        ]
    )


def hand_scores(rows: Rows, name: str) -> list[float]:
    return [SCORES[name][row[name]] for row in rows if row[name] is not None]  # type: ignore[index]


@pytest.mark.parametrize("name", ["visits", "staff"])
def test_u_p_and_r_equal_scipy_on_the_scores(
    waves: tuple[list[Rows], WavesComparison], name: str
) -> None:
    data, comparison = waves
    item = next(i for i in comparison.items if i.question.name == name)
    for index, step in enumerate(item.steps):
        before, after = hand_scores(data[index], name), hand_scores(data[index + 1], name)
        assert step.test == "mann_whitney" and step.chi2 is None and step.high is None
        expected = mannwhitneyu(after, before, alternative="two-sided")
        mw = step.mann_whitney
        assert mw is not None
        assert mw.u == pytest.approx(expected.statistic, rel=1e-12)
        assert mw.p_value == pytest.approx(expected.pvalue, rel=1e-12)
        # r from scipy's own normal approximation (tie-corrected, no continuity correction):
        # |z| = Φ⁻¹(1 − p/2), signed by U against its mean.
        asymptotic = mannwhitneyu(
            after, before, alternative="two-sided", method="asymptotic", use_continuity=False
        )
        z = np.sign(expected.statistic - len(after) * len(before) / 2) * norm.isf(
            asymptotic.pvalue / 2
        )
        assert mw.z == pytest.approx(z, rel=1e-6)
        assert mw.r == pytest.approx(z / np.sqrt(len(after) + len(before)), rel=1e-6)
        assert step.mean_difference == pytest.approx(np.mean(after) - np.mean(before), abs=1e-12)


def test_a_plain_choice_keeps_chi2(waves: tuple[list[Rows], WavesComparison]) -> None:
    _data, comparison = waves
    region = next(i for i in comparison.items if i.question.name == "region")
    assert [s.test for s in region.steps] == ["chi2", "chi2"]


def test_waves_json_and_the_report_carry_the_test(
    waves: tuple[list[Rows], WavesComparison],
) -> None:
    _data, comparison = waves
    data = waves_as_json(comparison)
    staff = next(q for q in data["questions"] if q["name"] == "staff")
    for change, step in zip(staff["changes"], comparison.items[1].steps, strict=True):
        assert change["test"] == "mann_whitney"
        assert step.mann_whitney is not None
        assert (change["u"], change["p_value"], change["r"], change["z"]) == (
            step.mann_whitney.u,
            step.mann_whitney.p_value,
            step.mann_whitney.r,
            step.mann_whitney.z,
        )
        assert change["mean_difference"] == step.mean_difference
        assert "high" not in change and "chi2" not in change
    assert staff["waves"][0]["ordinal"] is True and staff["waves"][0]["scores"] == [2.5, 7, 15]
    html = render_waves_html(comparison)
    article = html.split('id="q-staff"')[1].split("</article>")[0]
    assert "職員数は、前々回から前回にかけて平均が" in article
    assert article.count("Mann–WhitneyのU検定では") == 2
    assert "平均（95％信頼区間）" in article
    assert "リッカート項目と順序尺度の項目はMann–WhitneyのU検定" in html  # the method note
