"""Calendar months as their first day.

>>> month_of(date(2024, 5, 17))
datetime.date(2024, 5, 1)
>>> list(months_between(date(2024, 11, 3), date(2025, 1, 31)))
[datetime.date(2024, 11, 1), datetime.date(2024, 12, 1), datetime.date(2025, 1, 1)]
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from teichaku.retention.periods import add_months


def month_of(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def shift_month(month: date, months: int) -> date:
    """The first day of the month `months` after `month`'s."""
    return add_months(month_of(month), months)


def months_between(first: date, last: date) -> Iterator[date]:
    """Every month touched from `first` to `last` (both included), as first days."""
    month, end = month_of(first), month_of(last)
    while month <= end:
        yield month
        month = shift_month(month, 1)


def fiscal_year_of(day: date) -> int:
    """The fiscal year (April-March) a day falls in, named by the year it starts."""
    return day.year if day.month >= 4 else day.year - 1
