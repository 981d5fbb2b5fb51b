"""The 就労定着支援計画's review days (at least every 3 months) and the dashboard's plan alerts.

Due days are worked out by hand from the calendar, not from our own `add_months`."""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from teichaku.practice import plans
from teichaku.practice.alerts import AlertKind, PersonFacts, person_alerts
from teichaku.practice.contacts import ContactFact
from teichaku.practice.plans import (
    REVIEW_INTERVAL_MONTHS,
    REVIEW_NOTICE_DAYS,
    PlanFacts,
    current_plan,
    next_review_due,
    review_days_left,
)
from teichaku.retention.loader import shipped_rule_set
from teichaku.retention.people import Employment

RULE = shipped_rule_set("fy2024").retention


def test_docstring_examples() -> None:
    failed, _ = doctest.testmod(plans)
    assert failed == 0


def test_the_interval_is_three_months() -> None:
    assert REVIEW_INTERVAL_MONTHS == 3


@pytest.mark.parametrize(
    ("written", "reviews", "due"),
    [
        (date(2025, 4, 10), (), date(2025, 7, 10)),  # 3 months after the plan
        (date(2024, 11, 30), (), date(2025, 2, 28)),  # February has no 30th: its last day
        (date(2023, 11, 30), (), date(2024, 2, 29)),  # leap year
        (date(2025, 10, 15), (), date(2026, 1, 15)),  # across the year
        (date(2025, 1, 10), (date(2025, 3, 1),), date(2025, 6, 1)),  # from the latest review
        (date(2025, 1, 10), (date(2025, 3, 1), date(2025, 2, 1)), date(2025, 6, 1)),
        (date(2025, 5, 1), (date(2025, 3, 1),), date(2025, 8, 1)),  # a review before the plan
    ],
)
def test_next_review_due(written: date, reviews: tuple[date, ...], due: date) -> None:
    assert next_review_due(PlanFacts(written, written, reviews)) == due


def test_days_left_are_negative_when_overdue() -> None:
    plan = PlanFacts(date(2025, 1, 10), None)  # due 2025-04-10
    assert review_days_left(plan, date(2025, 4, 1)) == 9
    assert review_days_left(plan, date(2025, 4, 15)) == -5


def test_the_plan_in_force_is_the_latest_written_on_or_before_the_day() -> None:
    old, new = PlanFacts(date(2024, 10, 1), None), PlanFacts(date(2025, 4, 1), None)
    assert current_plan([new, old], date(2025, 3, 31)) == old
    assert current_plan([old, new], date(2025, 4, 1)) == new
    assert current_plan([new], date(2025, 1, 1)) is None


def facts(plan: PlanFacts | None) -> PersonFacts:
    return PersonFacts(
        "p",
        service_start=date(2025, 1, 6),
        service_end=None,
        employments=(Employment(date(2024, 6, 1)),),
        contacts=(ContactFact(date(2025, 4, 2), True, ("person",)),),
        shared_report_months=frozenset({date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)}),
        plan=plan,
    )


def plan_alerts(plan: PlanFacts | None, today: date) -> list[tuple[AlertKind, object, object]]:
    return [
        (a.kind, a.due, a.days_left)
        for a in person_alerts(facts(plan), today, RULE)
        if a.kind in (AlertKind.PLAN_MISSING, AlertKind.PLAN_REVIEW)
    ]


def test_no_plan_in_service_is_an_alert() -> None:
    assert plan_alerts(None, date(2025, 4, 20)) == [(AlertKind.PLAN_MISSING, None, None)]


def test_the_review_alert_starts_the_notice_days_before_and_stays_when_overdue() -> None:
    plan = PlanFacts(date(2025, 2, 5), date(2025, 2, 7))  # due 2025-05-05
    due = date(2025, 5, 5)
    assert REVIEW_NOTICE_DAYS == 14
    assert plan_alerts(plan, date(2025, 4, 20)) == []  # 15 days before
    assert plan_alerts(plan, date(2025, 4, 21)) == [(AlertKind.PLAN_REVIEW, due, 14)]
    assert plan_alerts(plan, date(2025, 5, 8)) == [(AlertKind.PLAN_REVIEW, due, -3)]
    reviewed = PlanFacts(plan.written_on, plan.signed_on, (date(2025, 5, 1),))
    assert plan_alerts(reviewed, date(2025, 5, 8)) == []  # next due 2025-08-01
