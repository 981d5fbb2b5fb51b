"""The reward estimate: base units by band, additions with caps, reductions, yen, comparison."""

from __future__ import annotations

from fractions import Fraction

from teichaku.retention.compare import compare
from teichaku.retention.loader import shipped_rule_set
from teichaku.retention.meetings import MeetingClaim
from teichaku.retention.reward import OfficeMonth, base_units, estimate

FY2024 = shipped_rule_set("fy2024")
FY2021 = shipped_rule_set("fy2021")


def test_band_boundaries_include_the_lower_bound() -> None:
    """Band rule: 95 % or more → 3,512; just under 95 % → 3,348; under 30 % → 1,074."""
    assert base_units(Fraction(95, 100), FY2024).units == 3512
    assert base_units(Fraction(94999, 100000), FY2024).units == 3348
    assert base_units(Fraction(3, 10), FY2024).units == 1433
    assert base_units(Fraction(0), FY2024).units == 1074


def test_fy2021_column_by_users_and_unknown_columns_say_so() -> None:
    assert base_units(Fraction(1), FY2021, users=20).units == 3449
    wide = base_units(Fraction(1), FY2021, users=21)
    assert wide.units is None and wide.band == "95%以上" and "UNVERIFIED" in wide.reason
    assert base_units(Fraction(1), FY2021).units is None  # users needed for the column


def test_a_rate_range_gives_a_band_only_when_both_ends_agree() -> None:
    assert base_units((Fraction(81, 100), Fraction(89, 100)), FY2024).units == 2768
    split = base_units((Fraction(85, 100), Fraction(91, 100)), FY2024)
    assert split.units is None and split.band is None


def test_monthly_total_with_additions_and_reduction() -> None:
    office = OfficeMonth(
        users=12,
        rate=Fraction(85, 100),
        additions={"initial": 2, "job_coach": 12},
        reductions={"support_system": 1},
        area_grade="その他",
    )
    result = estimate(office, FY2024)
    reduced = round(2768 * 0.9)  # 2491.2 → 2491
    assert result.total_units == reduced * 12 + 900 * 2 + 120 * 12
    assert result.yen == result.total_units * 10
    assert result.complete


def test_staffing_shortage_steps_by_month() -> None:
    """The month given is the shortage's month; over 10 % (the default) the reduction starts
    the month after (issue 12), so shortage months 2 and 4 are reduction months 1 and 3."""
    first = estimate(OfficeMonth(1, Fraction(1), reductions={"staffing_shortage": 2}), FY2024)
    third = estimate(OfficeMonth(1, Fraction(1), reductions={"staffing_shortage": 4}), FY2024)
    assert first.total_units == round(3512 * 0.7)
    assert third.total_units == 3512 // 2


def test_meetings_capped_once_a_month_and_four_times_a_year_per_person() -> None:
    claims = (
        MeetingClaim("a", "meeting_1"),
        MeetingClaim("a", "meeting_2"),  # same person, same month: over the monthly cap
        MeetingClaim("b", "meeting_2", earlier_this_year=4),  # over the yearly cap
        MeetingClaim("c", "meeting_2", earlier_this_year=3),
    )
    result = estimate(OfficeMonth(3, Fraction(1), meetings=claims), FY2024)
    lines = {line.item: line for line in result.lines}
    assert lines["meeting_1"].count == 1 and lines["meeting_2"].count == 1
    assert sum("上限" in note for note in result.notes) == 2


def test_yen_only_where_the_multiplier_is_known() -> None:
    office = OfficeMonth(5, Fraction(1), area_grade="1級地")
    result = estimate(office, FY2024)
    assert result.total_units == 3512 * 5
    assert result.yen is None and "UNVERIFIED" in result.yen_reason
    assert estimate(OfficeMonth(5, Fraction(1)), FY2024).yen is None


def test_comparison_fy2021_fy2024_item_12() -> None:
    result = compare(OfficeMonth(10, Fraction(17, 20), additions={"initial": 1}))
    assert result.base_difference == (2768 - 2710) * 10
    # 初期加算 900 is in both revisions (kaigosupport.com 2021): only the base differs.
    assert result.total_difference == (2768 * 10 + 900) - (2710 * 10 + 900)
    assert result.before.complete and result.after.complete and not result.notes


def test_comparison_says_when_fy2021_units_are_unknown() -> None:
    result = compare(OfficeMonth(30, Fraction(17, 20)))
    assert result.base_difference is None
    assert any("UNVERIFIED" in note for note in result.notes)
