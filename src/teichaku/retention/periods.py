"""Periods counted in months the way 民法 (arts. 140-143) counts them, as the 留意事項 example does.

A period of n months that includes its first day ends on the day before the day with the same
number n months later; when that month has no such day, it ends on the month's last day.

>>> eligibility(date(2024, 4, 1)).eligible_from
datetime.date(2024, 10, 1)
>>> service_period(date(2024, 10, 1)).last_day
datetime.date(2027, 9, 30)
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

WAITING_MONTHS = 6
SERVICE_MONTHS = 36
RULE_WAITING = "就労後6か月経過後に利用開始(留意事項通知の例: 2024-04-01就職 → 2024-10-01から)"
RULE_SERVICE = "利用期間は3年(36か月)が上限"


def add_months(day: date, months: int) -> date:
    """The same day number `months` later, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def period_end(first_day: date, months: int) -> date:
    """Last day of a period of `months` months that counts `first_day` itself: the day before
    the corresponding day `months` later, or that month's last day when it has no such day."""
    later = add_months(first_day, months)
    if later.day < first_day.day:  # no corresponding day: clamped, and the period ends on it
        return later
    return later - timedelta(days=1)


def calendar_months(first_day: date, last_day: date) -> int:
    """How many calendar months the days touch (a period not starting on the 1st touches 37)."""
    return (last_day.year - first_day.year) * 12 + last_day.month - first_day.month + 1


@dataclass(frozen=True)
class Eligibility:
    """From a hire date: when six months of employment are reached and the service may start."""

    hired_on: date
    months: int
    six_months_reached: date
    eligible_from: date
    rule: str = RULE_WAITING


@dataclass(frozen=True)
class ServicePeriod:
    """From a service start: the last day of the at most three years of use."""

    service_start: date
    months: int
    last_day: date
    calendar_months: int
    rule: str = RULE_SERVICE


def eligibility(hired_on: date, months: int = WAITING_MONTHS) -> Eligibility:
    reached = period_end(hired_on, months)
    return Eligibility(hired_on, months, reached, reached + timedelta(days=1))


def service_period(service_start: date, months: int = SERVICE_MONTHS) -> ServicePeriod:
    last = period_end(service_start, months)
    return ServicePeriod(service_start, months, last, calendar_months(service_start, last))
