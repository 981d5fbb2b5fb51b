"""Rule C's scope (issue 12, item 1): the job-change exception covers one break **during the
service period** (2018-12-17 Q&A: 「就労定着支援の利用中1回限りの転職に限り」, cited in the rule
set's `retention.source`). A break after the service ended is not excused; breaks before the
service start are judged alike whether or not the old job is recorded."""

from __future__ import annotations

from datetime import date

from teichaku.retention.loader import SHIPPED, shipped_rule_set
from teichaku.retention.outcome import Code
from teichaku.retention.people import Employment, Person
from teichaku.retention.rate import retention_rate

FY = 2025
D = date.fromisoformat


def person(start: str, end: str | None, *jobs: tuple[str, str | None]) -> Person:
    return Person(
        "p",
        D(start),
        None if end is None else D(end),
        tuple(Employment(D(h), None if left is None else D(left)) for h, left in jobs),
    )


def outcome(p: Person) -> Code:
    return retention_rate([p], FY).people[0].code


def test_rule_c_source_in_every_rule_set_says_during_the_service_once() -> None:
    for rule_set_id in SHIPPED:
        source = shipped_rule_set(rule_set_id).retention.source.text
        assert "利用中1回限り" in source and "平成30年12月17日" in source


def test_rule_c_a_break_after_the_service_ended_is_not_excused() -> None:
    """The issue's case: service ended 2023-09-30, left 2023-12-31, re-hired 2024-01-20."""
    p = person("2020-10-01", "2023-09-30", ("2020-04-01", "2023-12-31"), ("2024-01-20", None))
    result = retention_rate([p], FY)
    only = result.people[0]
    assert only.code is Code.BREAK_AFTER_SERVICE
    assert only.retained is False and result.rate == 0
    assert "利用終了後" in only.reason and "規則C" in only.reason


def test_rule_c_a_break_starting_the_day_after_the_service_ended_is_after_it() -> None:
    """Last day employed = last day of service: the break begins after the service."""
    p = person("2020-10-01", "2023-09-30", ("2020-04-01", "2023-09-30"), ("2023-10-15", None))
    assert outcome(p) is Code.BREAK_AFTER_SERVICE


def test_rule_c_a_break_beginning_during_the_service_is_excused_once() -> None:
    """Left on the day before the service's last day: the break begins during the service."""
    p = person("2020-10-01", "2023-09-30", ("2020-04-01", "2023-09-29"), ("2023-10-20", None))
    assert outcome(p) is Code.RETAINED_REEMPLOYED


def test_rule_c_no_pending_exception_after_the_service_ended() -> None:
    """Left after the service ended, within a month of the status date, no new job: the
    exception cannot rescue it, so the person is not retained (not undetermined)."""
    p = person("2021-10-01", "2024-09-30", ("2021-04-01", "2025-03-20"))
    result = retention_rate([p], FY)
    assert result.people[0].code is Code.LEFT_NO_NEW_JOB and result.rate == 0


def test_rule_c_breaks_before_the_start_judged_alike_with_or_without_the_old_job() -> None:
    """An old job ending before the start and a new job starting after it: the same outcome as
    when the old job is not recorded (no job on the start day)."""
    new_job = ("2023-11-01", None)
    without = person("2023-10-01", None, new_job)
    with_old = person("2023-10-01", None, ("2023-01-01", "2023-05-01"), new_job)
    straddling = person("2023-10-01", None, ("2023-01-01", "2023-09-20"), ("2023-10-10", None))
    assert outcome(without) is Code.NO_JOB_AT_START
    assert outcome(with_old) is Code.NO_JOB_AT_START
    assert outcome(straddling) is Code.NO_JOB_AT_START
