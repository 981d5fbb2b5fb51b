"""How sure: Wilson intervals of shares, the t interval of a Likert mean, small bases."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from teichaku.instrument import load_instrument
from teichaku.responses import responses_from_records
from teichaku.tabulate import LikertTable, tabulate_choice, tabulate_multi, tabulate_survey
from teichaku.tabulate._stats import t_mean_interval, wilson_interval
from teichaku.tabulate.tables_json import tables_as_json

FORM = load_instrument("retention-challenges-2024")
ITEM = "q01_securing_users"


@pytest.mark.parametrize("n", [1, 2, 3, 5, 10, 29, 30, 31, 100, 457, 1000, 12345])
def test_wilson_equals_statsmodels_for_every_count_including_0_and_n(n: int) -> None:
    counts = sorted({0, 1, n // 3, n // 2, n - 1, n} - {-1})
    for count in counts:
        low, high = proportion_confint(count, n, alpha=0.05, method="wilson")
        ours = wilson_interval(count, n)
        assert ours is not None
        assert ours == pytest.approx((100 * low, 100 * high), abs=1e-9)


def test_wilson_has_no_interval_without_a_base_and_stays_within_0_to_100() -> None:
    assert wilson_interval(0, 0) is None
    low, high = wilson_interval(0, 7) or (math.nan, math.nan)
    assert low == 0.0 and 0 < high < 100
    low, high = wilson_interval(7, 7) or (math.nan, math.nan)
    assert 0 < low < 100 and high == 100.0


def test_mean_interval_equals_scipy_t() -> None:
    rng = np.random.default_rng(13)
    for n in (2, 3, 10, 29, 100):
        scores = np.concatenate([[1.0, 7.0], rng.integers(1, 8, size=n - 2)])
        mean, sd = float(scores.mean()), float(scores.std(ddof=1))
        expected = stats.t.interval(0.95, n - 1, loc=mean, scale=stats.sem(scores))
        assert t_mean_interval(mean, sd, n) == pytest.approx(expected)
    assert t_mean_interval(7.0, 0.0, 5) == (7.0, 7.0)  # all alike: no spread, no width
    assert t_mean_interval(4.0, None, 1) is None
    assert t_mean_interval(None, None, 0) is None


def test_choice_options_carry_the_wilson_interval_of_their_share() -> None:
    values = ["7", "7", "6", "4", None, "1", "7"]
    table = tabulate_choice(responses_from_records(FORM, [{ITEM: v} for v in values]).choice(ITEM))
    assert isinstance(table, LikertTable)
    for option in table.options:
        low, high = proportion_confint(option.count, table.n, alpha=0.05, method="wilson")
        assert (option.ci_low, option.ci_high) == pytest.approx((100 * low, 100 * high))
        assert option.ci_low is not None and option.percent is not None
        assert option.ci_low <= option.percent <= (option.ci_high or 0)
    scores = np.array([7, 7, 6, 4, 1, 7], dtype=float)
    expected = stats.t.interval(0.95, 5, loc=scores.mean(), scale=stats.sem(scores))
    assert (table.mean_ci_low, table.mean_ci_high) == pytest.approx(expected)


def test_no_answers_give_no_intervals() -> None:
    table = tabulate_choice(responses_from_records(FORM, [{ITEM: None}]).choice(ITEM))
    assert isinstance(table, LikertTable)
    assert all(o.ci_low is None and o.ci_high is None for o in table.options)
    assert table.mean_ci_low is None and table.mean_ci_high is None


def test_multiple_choice_interval_is_of_the_share_of_cases() -> None:
    records = [
        {"monitoring_methods": ["phone", "email"]},
        {"monitoring_methods": "phone"},
        {"monitoring_methods": "home_visit"},
        {"monitoring_methods": []},
    ]
    table = tabulate_multi(responses_from_records(FORM, records).multi("monitoring_methods"))
    assert table.cases == 3 and table.mentions == 4
    for option in table.options:
        low, high = proportion_confint(option.count, table.cases, alpha=0.05, method="wilson")
        assert (option.ci_low, option.ci_high) == pytest.approx((100 * low, 100 * high))


def test_tables_json_carries_intervals_and_flags_small_bases() -> None:
    rows = [{ITEM: str(1 + i % 7)} for i in range(30)]
    rows += [{ITEM: "7", "monitoring_methods": "phone"}]
    data = tables_as_json(tabulate_survey(responses_from_records(FORM, rows)))
    assert data["schema"] == "teichaku.tables/1"
    by_name = {q["name"]: q for q in data["questions"]}
    likert = by_name[ITEM]
    assert likert["n"] == 31 and likert["small_base"] is False
    assert likert["confidence"] == 0.95
    assert likert["mean_ci_low"] < likert["mean"] < likert["mean_ci_high"]
    assert all({"ci_low", "ci_high"} <= set(option) for option in likert["options"])
    multi = by_name["monitoring_methods"]
    assert multi["n"] == 1 and multi["small_base"] is True
    phone = next(o for o in multi["options"] if o["value"] == "phone")
    assert phone["ci_low"] == pytest.approx(100 * proportion_confint(1, 1, method="wilson")[0])
    assert all("small_base" in q for q in data["questions"])
