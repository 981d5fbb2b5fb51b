"""Who the base reward is for in one month, person by person.

Since FY2021 a person's month is billable only when that month's 支援レポート was shared
(`RuleSet.requires_shared_report`); the office's users of the month are those people. The
per-person additions (特別地域加算 for a person living in a designated area, 利用者負担上限額
管理加算 where the office manages the person's cap) count only billable people.

>>> from teichaku.retention.loader import shipped_rule_set
>>> from teichaku.retention.people import Person
>>> a = Person("a", date(2024, 4, 1), None, ())
>>> b = Person("b", date(2024, 4, 1), None, ())
>>> may = frozenset({date(2025, 5, 1)})
>>> flags = {"b": PersonFlags(special_area=True, months_without_report=may)}
>>> m = month_users([a, b], flags, date(2025, 5, 1), shipped_rule_set("fy2024"))
>>> (m.billable, m.without_report, m.special_area)
(('a',), ('b',), ())
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from teichaku.retention.people import Person
from teichaku.retention.periods import add_months
from teichaku.retention.rules import RuleSet


@dataclass(frozen=True)
class PersonFlags:
    """What the office records about a person beyond dates: living in a 特別地域, still needing
    support after the end (要継続支援), the office managing the co-payment cap, and the months
    (first days) of service for which no 支援レポート was shared."""

    special_area: bool = False
    continued_support: bool = False
    copay_cap: bool = False
    months_without_report: frozenset[date] = field(default_factory=frozenset)


NO_FLAGS = PersonFlags()


@dataclass(frozen=True)
class MonthUsers:
    """The month's people in service, those billable, and the per-person additions' people."""

    month: date
    in_service: tuple[str, ...]
    billable: tuple[str, ...]
    without_report: tuple[str, ...]  # in service, not billable: no report shared that month
    special_area: tuple[str, ...]
    copay_cap: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def users(self) -> int:
        return len(self.billable)


def in_service(person: Person, month: date) -> bool:
    """The person's service period touches the month (its first day given)."""
    first = month.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return person.service_start <= last and (
        person.service_end is None or person.service_end >= first
    )


def month_users(
    people: Iterable[Person], flags: Mapping[str, PersonFlags], month: date, rules: RuleSet
) -> MonthUsers:
    """The month's users under `rules`: without a shared report, a person is not billable when
    the rule set requires the report (FY2021 on); every person in service otherwise."""
    first = month.replace(day=1)
    serving = sorted(p.person_id for p in people if in_service(p, first))
    missing = tuple(
        pid for pid in serving if first in flags.get(pid, NO_FLAGS).months_without_report
    )
    notes: list[str] = []
    if rules.requires_shared_report:
        billable = tuple(pid for pid in serving if pid not in missing)
        if missing:
            source = rules.shared_report_source.text if rules.shared_report_source else ""
            notes.append(
                f"{first:%Y-%m}: 支援レポートの共有がない{len(missing)}名はこの月の基本報酬を"
                f"算定しない(利用者数に含めない)。{source} / {len(missing)} people without a "
                "shared report this month are not billed"
            )
    else:
        billable, missing = tuple(serving), ()
    return MonthUsers(
        first,
        tuple(serving),
        billable,
        missing,
        tuple(pid for pid in billable if flags.get(pid, NO_FLAGS).special_area),
        tuple(pid for pid in billable if flags.get(pid, NO_FLAGS).copay_cap),
        tuple(notes),
    )


FIRST_YEAR_MONTHS = 12  # 企業連携等調整特別加算: 支援開始から1年以内 (the rule set's condition)


def first_year_users(people: Iterable[Person], month: MonthUsers) -> tuple[str, ...]:
    """The month's billable people in the first year of their service: the 12 calendar months
    from the month the service started (企業連携等調整特別加算, FY2018–FY2021 rule sets).

    >>> a = Person("a", date(2024, 5, 20), None, ())
    >>> m = MonthUsers(date(2025, 4, 1), ("a",), ("a",), (), (), (), ())
    >>> first_year_users([a], m), first_year_users([a], MonthUsers(date(2025, 5, 1),
    ...     ("a",), ("a",), (), (), (), ()))
    (('a',), ())
    """
    billable = set(month.billable)
    return tuple(
        sorted(
            p.person_id
            for p in people
            if p.person_id in billable
            and month.month < add_months(p.service_start.replace(day=1), FIRST_YEAR_MONTHS)
        )
    )
