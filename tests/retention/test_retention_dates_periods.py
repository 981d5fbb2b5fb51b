"""和暦 and ISO dates, and the periods counted in months (民法 arts. 140-143)."""

from __future__ import annotations

from datetime import date

import pytest

from teichaku.retention.dates import (
    DateFormatError,
    both,
    parse_date,
    parse_fiscal_year,
    record_range,
    wareki,
    wareki_fiscal_year,
)
from teichaku.retention.periods import add_months, eligibility, period_end, service_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04-01", date(2024, 4, 1)),
        ("2024/4/1", date(2024, 4, 1)),
        ("20240401", date(2024, 4, 1)),
        ("2024年4月1日", date(2024, 4, 1)),
        ("令和6年4月1日", date(2024, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("R6.4.1", date(2024, 4, 1)),
        ("r6.4.1", date(2024, 4, 1)),
        ("Ｒ６．４．１", date(2024, 4, 1)),
        ("令和６年４月１日", date(2024, 4, 1)),
        ("H30.4.1", date(2018, 4, 1)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("S64.1.7", date(1989, 1, 7)),
        (" 2024-04-01 ", date(2024, 4, 1)),
    ],
)
def test_dates_are_read_as_iso_and_wareki(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["平成31年5月1日", "R6.2.30", "令和0年1月1日", "April 1", ""])
def test_impossible_dates_are_refused_with_what_is_accepted(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_date(text)


def test_dates_are_shown_both_ways() -> None:
    assert wareki(date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki(date(2019, 4, 30)) == "平成31年4月30日"
    assert both(date(2024, 4, 1)) == "2024-04-01(令和6年4月1日)"


def test_fiscal_years() -> None:
    assert parse_fiscal_year("FY2025") == parse_fiscal_year("令和7年度") == 2025
    assert parse_fiscal_year("R7") == parse_fiscal_year("2025年度") == 2025
    assert wareki_fiscal_year(2019) == "令和元年度"
    assert wareki_fiscal_year(2025) == "令和7年度"


def test_start_six_months_after_hire_as_in_the_ryuijiko_example() -> None:
    """留意事項通知: hired 2024-04-01 → 6 months reached 2024-09-30 → from 2024-10-01."""
    result = eligibility(date(2024, 4, 1))
    assert result.six_months_reached == date(2024, 9, 30)
    assert result.eligible_from == date(2024, 10, 1)
    assert result.months == 6


def test_start_when_the_month_has_no_corresponding_day() -> None:
    """民法143条2項: hired 08-31, no 02-31 → the period ends on the month's last day."""
    assert eligibility(date(2024, 8, 31)).eligible_from == date(2025, 3, 1)


def test_three_years_end_the_day_before_the_anniversary() -> None:
    result = service_period(date(2024, 10, 1))
    assert result.last_day == date(2027, 9, 30)
    assert (result.months, result.calendar_months) == (36, 36)
    mid = service_period(date(2024, 10, 15))
    assert mid.last_day == date(2027, 10, 14) and mid.calendar_months == 37
    assert service_period(date(2024, 2, 29)).last_day == date(2027, 2, 28)


def test_the_sane_range_of_office_dates() -> None:
    today = date(2025, 5, 1)
    every, happened = record_range(today), record_range(today, happened=True)
    assert (every.first, every.last) == (date(1989, 1, 8), date(2035, 5, 1))
    assert (happened.first, happened.last) == (date(1989, 1, 8), today)
    assert date(1989, 1, 8) in every and date(1989, 1, 7) not in every
    assert date(2030, 1, 1) in every and date(2030, 1, 1) not in happened
    assert record_range(date(2024, 2, 29)).last == date(2034, 2, 28)
    for typo in (date(24, 4, 1), date(1, 1, 1), date(9999, 12, 31)):
        assert typo not in every


def test_a_day_before_showa_is_shown_as_iso_only() -> None:
    assert both(date(24, 4, 1)) == "0024-04-01"
    assert both(date(1989, 1, 8)) == "1989-01-08(平成元年1月8日)"


@pytest.mark.parametrize(
    ("first", "months", "last"),
    [
        (date(2024, 1, 29), 1, date(2024, 2, 28)),
        (date(2024, 1, 30), 1, date(2024, 2, 29)),  # no 30th in February: its last day
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 4, 1), 36, date(2027, 3, 31)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
    ],
)
def test_period_end_is_the_day_before_the_corresponding_day(
    first: date, months: int, last: date
) -> None:
    assert period_end(first, months) == last
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
