"""The office dashboard's alerts, computed from plain facts about each person.

Each alert carries data only (kind, person, due day, days left, months); the web app words
it. The rule-bound dates come from the rules core: eligibility and the 3-year end from
`retention.periods`, the job-change window from `retention.retained.judge`, the plan's
review day from `practice.plans`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from teichaku.practice.contacts import ContactFact, month_status
from teichaku.practice.months import month_of, months_between, shift_month
from teichaku.practice.plans import PlanFacts, next_review_due, review_days_left, review_is_near
from teichaku.retention.outcome import Code
from teichaku.retention.people import Employment, Person
from teichaku.retention.periods import add_months, eligibility, service_period
from teichaku.retention.retained import judge, spells
from teichaku.retention.rules import RetentionRule

ELIGIBILITY_NOTICE_DAYS = 30
END_NOTICE_DAYS = 90
END_SHARING_MONTHS = 3  # the 支援体制構築未実施減算: share at least 3 months before the end
END_SHARING_NOTICE_DAYS = 30
UNSHARED_LOOKBACK_MONTHS = 12


class AlertKind(StrEnum):
    ELIGIBILITY = "eligibility"  # six months of employment reached (or soon): may start
    SERVICE_END = "service_end"  # the 3-year end is near
    FACE_TO_FACE = "face_to_face"  # no face-to-face support yet this month
    REPORT_UNSHARED = "report_unshared"  # a past month without a shared 支援レポート
    JOB_CHANGE = "job_change"  # left a job; the one-month re-employment window is running
    END_SHARING = "end_sharing"  # information sharing 3 months before the end not recorded
    INTAKE = "intake"  # arrived from another organisation; hand-over profile or consent missing
    PLAN_MISSING = "plan_missing"  # in service without a 就労定着支援計画
    PLAN_REVIEW = "plan_review"  # the plan's 3-monthly review is near or overdue


@dataclass(frozen=True)
class PersonFacts:
    """What the alerts need to know about one person."""

    person_id: str
    service_start: date | None
    service_end: date | None
    employments: tuple[Employment, ...] = ()
    contacts: tuple[ContactFact, ...] = ()
    shared_report_months: frozenset[date] = field(default_factory=frozenset)
    from_other_organisation: bool = False
    handover_complete: bool = True
    consent_recorded: bool = True
    end_sharing_recorded: bool = False
    plan: PlanFacts | None = None  # the plan in force today (practice.plans.current_plan)
    continued_support: bool = True  # 要継続支援: only they are owed the end-of-service sharing


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    person_id: str
    due: date | None = None
    days_left: int | None = None
    months: tuple[date, ...] = ()


def in_service(facts: PersonFacts, first: date, last: date) -> bool:
    """Whether the service period touches the days first..last."""
    if facts.service_start is None or facts.service_start > last:
        return False
    return facts.service_end is None or facts.service_end >= first


def person_alerts(facts: PersonFacts, today: date, rule: RetentionRule) -> list[Alert]:
    alerts: list[Alert] = []
    pid = facts.person_id
    if facts.service_start is None:
        current = _current_spell_start(facts.employments, today)
        if current is not None:
            start = eligibility(current).eligible_from
            days = (start - today).days
            if days <= ELIGIBILITY_NOTICE_DAYS:
                alerts.append(Alert(AlertKind.ELIGIBILITY, pid, start, days))
        return alerts
    if facts.service_end is not None and facts.service_end < today:
        return alerts
    if facts.service_start > today:
        return alerts
    last_day = service_period(facts.service_start).last_day
    end = facts.service_end or last_day
    days_to_end = (end - today).days
    if days_to_end <= END_NOTICE_DAYS:
        alerts.append(Alert(AlertKind.SERVICE_END, pid, end, days_to_end))
    sharing_due = add_months(end, -END_SHARING_MONTHS)
    if (
        facts.continued_support
        and not facts.end_sharing_recorded
        and (sharing_due - today).days <= END_SHARING_NOTICE_DAYS
    ):
        alerts.append(Alert(AlertKind.END_SHARING, pid, sharing_due, (sharing_due - today).days))
    status = month_status(facts.contacts, today, today)
    if not status.face_to_face_done:
        alerts.append(
            Alert(AlertKind.FACE_TO_FACE, pid, _month_last(today), status.days_left_in_month)
        )
    unshared = unshared_months(facts, today)
    if unshared:
        alerts.append(Alert(AlertKind.REPORT_UNSHARED, pid, months=unshared))
    window = job_change_window(facts, today, rule)
    if window is not None:
        alerts.append(Alert(AlertKind.JOB_CHANGE, pid, window, (window - today).days))
    if facts.from_other_organisation and not (facts.handover_complete and facts.consent_recorded):
        alerts.append(Alert(AlertKind.INTAKE, pid))
    if facts.plan is None:
        alerts.append(Alert(AlertKind.PLAN_MISSING, pid))
    elif review_is_near(facts.plan, today):
        due = next_review_due(facts.plan)
        alerts.append(Alert(AlertKind.PLAN_REVIEW, pid, due, review_days_left(facts.plan, today)))
    return alerts


def office_alerts(people: Iterable[PersonFacts], today: date, rule: RetentionRule) -> list[Alert]:
    """Every person's alerts, most urgent first (fewest days left; undated ones last)."""
    found = [alert for facts in people for alert in person_alerts(facts, today, rule)]
    return sorted(found, key=lambda a: (a.days_left is None, a.days_left or 0, a.kind.value))


def unshared_months(facts: PersonFacts, today: date) -> tuple[date, ...]:
    """Completed months of service (the last 12) with no shared 支援レポート."""
    if facts.service_start is None:
        return ()
    previous = shift_month(month_of(today), -1)
    first = max(month_of(facts.service_start), shift_month(previous, 1 - UNSHARED_LOOKBACK_MONTHS))
    if first > previous:
        return ()
    return tuple(
        month
        for month in months_between(first, previous)
        if in_service(facts, month, _month_last(month)) and month not in facts.shared_report_months
    )


def job_change_window(facts: PersonFacts, today: date, rule: RetentionRule) -> date | None:
    """The last day to be re-employed when the rules core says the window is running today."""
    if facts.service_start is None or not facts.employments:
        return None
    person = Person(facts.person_id, facts.service_start, facts.service_end, facts.employments)
    if judge(person, today, rule).code is not Code.REEMPLOYMENT_PENDING:
        return None
    last = spells(tuple(j for j in facts.employments if not j.end_unknown))[-1][1]
    assert last is not None  # pending means the last spell has ended
    return add_months(last, rule.reemployment_within_months)


def _current_spell_start(jobs: tuple[Employment, ...], today: date) -> date | None:
    for first, last in reversed(spells(tuple(j for j in jobs if not j.end_unknown))):
        if first <= today and (last is None or last >= today):
            return first
    return None


def _month_last(day: date) -> date:
    return shift_month(month_of(day), 1) - timedelta(days=1)
