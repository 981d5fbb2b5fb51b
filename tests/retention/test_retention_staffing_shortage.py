"""人員欠如減算 (issue 12, item 4): counted from the month after the shortage began when the
shortfall is over 10 %, from the month after next when it is 10 % or less (sources in
fy2024.json, `reductions[staffing_shortage].starts`). `OfficeMonth.reductions` gives the month
of the shortage (1 = the month it began); the size is `reduction_starts`, by default over 10 %
(the earlier start), which the result says."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import pytest
from click.testing import CliRunner

from teichaku.cli import main
from teichaku.retention.loader import shipped_rule_set
from teichaku.retention.reward import OfficeMonth, RewardEstimate, estimate

FY2024 = shipped_rule_set("fy2024")
BASE = 3512  # rate 100 %, one user


def shortage(month: int, size: str | None = None) -> RewardEstimate:
    starts = {} if size is None else {"staffing_shortage": size}
    office = OfficeMonth(
        1, Fraction(1), reductions={"staffing_shortage": month}, reduction_starts=starts
    )
    return estimate(office, FY2024)


def test_staffing_shortage_rule_set_gives_the_start_by_size_with_its_source() -> None:
    reduction = FY2024.reduction("staffing_shortage")
    delays = {start.id: start.after_months for start in reduction.starts}
    assert delays == {"over_10_percent": 1, "up_to_10_percent": 2}
    assert reduction.default_start == "over_10_percent"
    assert reduction.starts_source is not None and "翌月" in reduction.starts_source.text


def test_staffing_shortage_over_10_percent_counts_from_the_month_after() -> None:
    assert shortage(1, "over_10_percent").total_units == BASE  # the month it began: none
    assert shortage(2, "over_10_percent").total_units == round(BASE * 0.7)  # reduction month 1
    assert shortage(3, "over_10_percent").total_units == round(BASE * 0.7)  # reduction month 2
    assert shortage(4, "over_10_percent").total_units == BASE // 2  # reduction month 3


def test_staffing_shortage_up_to_10_percent_counts_from_the_month_after_next() -> None:
    assert shortage(2, "up_to_10_percent").total_units == BASE
    assert shortage(3, "up_to_10_percent").total_units == round(BASE * 0.7)
    assert shortage(5, "up_to_10_percent").total_units == BASE // 2


def test_staffing_shortage_without_a_size_assumes_over_10_percent_and_says_so() -> None:
    result = shortage(2)
    assert result.total_units == round(BASE * 0.7)
    assert any("1割を超える" in note and "指定" in note for note in result.notes)
    first = shortage(1)
    assert first.total_units == BASE
    assert any("翌月から" in note for note in first.notes)


def test_staffing_shortage_unknown_size_is_refused_naming_the_accepted() -> None:
    with pytest.raises(ValueError, match="up_to_10_percent"):
        shortage(2, "big")


def run(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["retention", "reward", *args, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_cli_staffing_shortage_size_option() -> None:
    common = ("--rate", "1", "--users", "1", "--staffing-shortage-month", "2")
    assert run(*common)["total_units"] == round(BASE * 0.7)
    small = run(*common, "--staffing-shortage-size", "up_to_10_percent")
    assert small["total_units"] == BASE
