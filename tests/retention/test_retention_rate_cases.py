"""The 就労定着率 rules, case by case. Each test names the rule it checks.

Rule A — 算定対象: a person is counted when their service period overlaps the window of the
         three fiscal years before the reward year (FY2025 → 2022-04-01 .. 2025-03-31).
Rule B — 就労定着者: a counted person is retained when employed without a break from the
         service start to the status date (2025-03-31, the end of the previous fiscal year).
Rule C — 転職の例外: one break after which the person was re-employed within one month
         counts as employment (2018-12-17 Q&A); a second one does not.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from teichaku.retention.outcome import Code
from teichaku.retention.people import Employment, Person
from teichaku.retention.rate import (
    fiscal_window,
    percent_text,
    rate_input,
    rate_text,
    retention_rate,
)

FY = 2025
D = date.fromisoformat


def person(start: str, end: str | None, *jobs: tuple[str, str | None], pid: str = "p") -> Person:
    return Person(
        pid,
        D(start),
        None if end is None else D(end),
        tuple(Employment(D(h), None if left is None else D(left)) for h, left in jobs),
    )


def outcome(p: Person) -> Code:
    return retention_rate([p], FY).people[0].code


def test_window_is_the_three_fiscal_years_before_the_reward_year() -> None:
    """Interpretation: reward FY2025 → window 2022-04-01 .. 2025-03-31, status 2025-03-31."""
    assert fiscal_window(2025) == (D("2022-04-01"), D("2025-03-31"))
    result = retention_rate([], 2025)
    assert result.status_date == D("2025-03-31")
    assert "2022" in result.interpretation


def test_rule_a_service_inside_window_is_counted() -> None:
    assert outcome(person("2023-10-01", None, ("2023-04-01", None))) is Code.RETAINED_CONTINUOUS


def test_rule_a_service_ended_before_window_is_not_counted() -> None:
    p = person("2019-01-01", "2022-03-31", ("2018-07-01", None))
    result = retention_rate([p], FY)
    assert result.people[0].code is Code.OUTSIDE_ENDED_BEFORE
    assert result.denominator == 0 and result.rate is None
    assert not result.people[0].counted and result.people[0].retained is None


def test_rule_a_service_ending_on_the_window_first_day_is_counted() -> None:
    assert outcome(person("2019-04-01", "2022-04-01", ("2018-10-01", None))).counted


def test_rule_a_service_starting_after_the_status_date_is_not_counted() -> None:
    assert outcome(person("2025-04-01", None, ("2024-10-01", None))) is Code.OUTSIDE_STARTED_AFTER


def test_rule_a_service_starting_on_the_status_date_is_counted() -> None:
    assert outcome(person("2025-03-31", None, ("2024-09-30", None))) is Code.RETAINED_CONTINUOUS


def test_rule_a_and_b_service_ended_inside_window_still_employed_is_retained() -> None:
    """Service ended in 2023, the person still works at the status date: counted, retained."""
    p = person("2020-10-01", "2023-09-30", ("2020-04-01", None))
    result = retention_rate([p], FY).people[0]
    assert result.code is Code.RETAINED_CONTINUOUS
    assert "期間内に終了" in result.reason and "規則A" in result.reason


def test_rule_b_service_ended_inside_window_then_left_is_not_retained() -> None:
    p = person("2020-10-01", "2023-09-30", ("2020-04-01", "2024-06-30"))
    assert outcome(p) is Code.LEFT_NO_NEW_JOB


def test_rule_b_still_employed_is_retained() -> None:
    p = person("2022-10-01", None, ("2022-04-01", None))
    result = retention_rate([p], FY)
    assert result.people[0].retained is True
    assert "規則B" in result.people[0].reason
    assert result.rate == 1


def test_rule_b_left_without_a_new_job_is_not_retained() -> None:
    p = person("2022-10-01", None, ("2022-04-01", "2024-01-31"))
    result = retention_rate([p], FY)
    assert result.people[0].code is Code.LEFT_NO_NEW_JOB
    assert result.people[0].retained is False
    assert result.rate == 0


def test_rule_b_left_on_the_status_date_is_retained() -> None:
    """Employed on 2025-03-31 (the last day employed): retained on the status date."""
    assert outcome(person("2022-10-01", None, ("2022-04-01", "2025-03-31"))).value.startswith(
        "retained"
    )


def test_rule_b_back_to_back_jobs_are_no_break() -> None:
    p = person("2022-10-01", None, ("2022-04-01", "2023-05-31"), ("2023-06-01", None))
    assert outcome(p) is Code.RETAINED_CONTINUOUS


def test_rule_c_reemployed_within_a_month_once_is_retained() -> None:
    p = person("2022-10-01", None, ("2022-04-01", "2023-05-31"), ("2023-06-20", None))
    result = retention_rate([p], FY).people[0]
    assert result.code is Code.RETAINED_REEMPLOYED
    assert "規則C" in result.reason


def test_rule_c_reemployed_on_the_same_day_of_the_next_month_is_within() -> None:
    p = person("2022-10-01", None, ("2022-04-01", "2023-05-15"), ("2023-06-15", None))
    assert outcome(p) is Code.RETAINED_REEMPLOYED


def test_rule_c_reemployed_one_day_after_the_month_is_not_retained() -> None:
    p = person("2022-10-01", None, ("2022-04-01", "2023-05-15"), ("2023-06-16", None))
    assert outcome(p) is Code.REEMPLOYED_LATE


def test_rule_c_month_end_deadline_is_clamped() -> None:
    """Left 2024-01-31 → deadline 2024-02-29 (the month has no 31st)."""
    ok = person("2022-10-01", None, ("2022-04-01", "2024-01-31"), ("2024-02-29", None))
    late = person("2022-10-01", None, ("2022-04-01", "2024-01-31"), ("2024-03-01", None))
    assert outcome(ok) is Code.RETAINED_REEMPLOYED
    assert outcome(late) is Code.REEMPLOYED_LATE


def test_rule_c_reemployed_within_a_month_twice_is_not_retained() -> None:
    p = person(
        "2022-10-01",
        None,
        ("2022-04-01", "2023-05-31"),
        ("2023-06-10", "2024-02-29"),
        ("2024-03-10", None),
    )
    result = retention_rate([p], FY).people[0]
    assert result.code is Code.SECOND_BREAK
    assert result.retained is False


def test_rule_c_a_late_break_is_not_rescued_by_being_employed_again() -> None:
    """A break over one month means not retained even if employed on the status date."""
    p = person("2022-10-01", None, ("2022-04-01", "2023-05-31"), ("2023-09-01", None))
    assert outcome(p) is Code.REEMPLOYED_LATE


def test_rule_c_status_date_inside_a_covered_break_counts_as_employed() -> None:
    p = person("2022-10-01", None, ("2022-04-01", "2025-03-20"), ("2025-04-10", None))
    assert outcome(p) is Code.RETAINED_REEMPLOYED


def test_rule_c_break_before_the_service_started_does_not_use_the_exception() -> None:
    p = person(
        "2022-10-01",
        None,
        ("2021-04-01", "2021-12-31"),
        ("2022-01-05", "2023-05-31"),
        ("2023-06-10", None),
    )
    assert outcome(p) is Code.RETAINED_REEMPLOYED


def test_rule_c_open_break_at_the_status_date_is_undetermined_not_guessed() -> None:
    """Left 2025-03-20, no later job recorded: re-employment by 2025-04-20 is still possible."""
    p = person("2022-10-01", None, ("2022-04-01", "2025-03-20"))
    result = retention_rate([p], FY)
    assert result.people[0].code is Code.REEMPLOYMENT_PENDING
    assert result.rate is None
    assert (result.rate_low, result.rate_high) == (0, 1)


def test_open_point_status_unknown_is_said_not_guessed() -> None:
    p = Person("u", D("2022-10-01"), None, (Employment(D("2022-04-01"), None, end_unknown=True),))
    known = person("2022-10-01", None, ("2022-04-01", None), pid="k")
    result = retention_rate([p, known], FY)
    assert [o.code for o in result.people] == [Code.RETAINED_CONTINUOUS, Code.STATUS_UNKNOWN]
    assert result.rate is None and result.undetermined == 1
    assert (result.rate_low, result.rate_high) == (Fraction(1, 2), 1)
    assert any("判定できない" in note for note in result.notes)


def test_open_point_no_job_recorded_at_service_start_is_undetermined() -> None:
    assert outcome(person("2022-10-01", None, ("2023-01-01", None))) is Code.NO_JOB_AT_START


def test_open_point_newly_designated_office_is_said() -> None:
    p = person("2024-10-01", None, ("2024-04-01", None))
    result = retention_rate([p], FY, designated_on=D("2024-06-01"))
    assert any("UNVERIFIED" in note and "新規指定" in note for note in result.notes)


def test_open_point_no_one_counted_gives_no_rate() -> None:
    result = retention_rate([], FY)
    assert result.rate is None and result.denominator == 0
    assert any("算出できない" in note for note in result.notes)


def test_rate_is_retained_over_counted() -> None:
    people = [
        person("2022-10-01", None, ("2022-04-01", None), pid="1"),
        person("2022-10-01", None, ("2022-04-01", None), pid="2"),
        person("2022-10-01", None, ("2022-04-01", "2023-01-31"), pid="3"),
        person("2019-01-01", "2021-12-31", ("2018-07-01", None), pid="4"),
    ]
    result = retention_rate(people, FY)
    assert (result.numerator, result.denominator, result.rate) == (2, 3, Fraction(2, 3))
    assert [o.person_id for o in result.people] == ["1", "2", "3", "4"]


def test_the_rate_as_the_rewards_input_and_as_text() -> None:
    """One wording of the rate for the CLI and the office dashboard."""
    retained = person("2023-04-01", None, ("2022-10-01", None), pid="a")
    left = person("2023-04-01", None, ("2022-10-01", "2023-06-30"), pid="b")
    unknown = Person("c", D("2023-04-01"), None, (Employment(D("2022-10-01"), None, True),))
    exact = retention_rate([retained, left], FY)
    assert rate_input(exact) == (Fraction(1, 2), Fraction(1, 2))
    assert rate_text(exact) == "50.0%"
    ranged = retention_rate([retained, left, unknown], FY)
    assert rate_input(ranged) == (Fraction(1, 3), Fraction(2, 3))
    assert rate_text(ranged) == "範囲 33.3%〜66.7%"
    assert rate_text(ranged, range_word="range") == "range 33.3%〜66.7%"
    empty = retention_rate([], FY)
    assert rate_input(empty) is None and rate_text(empty) == "算出不可"
    assert percent_text(None) == "—"
