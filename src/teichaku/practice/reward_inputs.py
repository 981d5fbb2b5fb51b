"""The inputs of one month's reward estimate, gathered from an office's records.

The result holds what `teichaku retention reward` takes on its command line (users, 初期加算,
meetings, job-coach, special area, 上限額管理, 就労定着実績体制, 企業連携等調整特別, the
reductions (支援体制構築未実施, 人員欠如 and its size, サービス管理責任者欠如, 情報公表未報告,
虐待防止措置未実施), 処遇改善加算's grade, 地域区分; the users and the per-person additions as
`--month` counts them from RECORDS) and turns it
into the rules core's `OfficeMonth`. No rule is decided here: the meeting caps are applied by
the core (`retention.meetings.meeting_lines`), also for the claims of earlier months that
count towards the yearly cap.

>>> from teichaku.retention.loader import shipped_rule_set
>>> rules = shipped_rule_set("fy2024")
>>> held = [MeetingFact("a", date(2025, 4, 3), "meeting_1"), MeetingFact("a", date(2025, 4, 9),
...         "meeting_2"), MeetingFact("a", date(2025, 6, 2), "meeting_1")]
>>> meeting_claims(held, date(2025, 6, 1), rules)
(MeetingClaim(person_id='a', addition_id='meeting_1', earlier_this_year=1),)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from teichaku.practice.months import fiscal_year_of, month_end, month_of, months_between
from teichaku.retention.billing import MonthUsers
from teichaku.retention.meetings import MeetingClaim, meeting_lines
from teichaku.retention.periods import add_months, service_period
from teichaku.retention.reward import OfficeMonth, RateInput
from teichaku.retention.rules import RuleSet

END_SHARING_MONTHS = 3  # share at least 3 months before the end (支援体制構築未実施減算)


@dataclass(frozen=True)
class MeetingFact:
    """One 地域連携会議 held for one person; `kind` is the addition id (meeting_1 / meeting_2)."""

    person_id: str
    day: date
    kind: str


def meeting_claims(
    meetings: Iterable[MeetingFact], month: date, rules: RuleSet
) -> tuple[MeetingClaim, ...]:
    """The month's meetings as claims. `earlier_this_year` is what the rules core accepted for
    the same person in the earlier months of the fiscal year, month by month."""
    first = month_of(month)
    year_start = date(fiscal_year_of(first), 4, 1)
    by_person: dict[str, dict[date, list[str]]] = defaultdict(lambda: defaultdict(list))
    for m in meetings:
        if year_start <= m.day <= month_end(first):
            by_person[m.person_id][month_of(m.day)].append(m.kind)
    claims: list[MeetingClaim] = []
    for person_id in sorted(by_person):
        months = by_person[person_id]
        earlier = 0
        for earlier_month in months_between(year_start, first):
            if earlier_month == first:
                break
            kinds = months.get(earlier_month, [])
            if kinds:
                lines, _notes, _complete = meeting_lines(
                    tuple(MeetingClaim(person_id, kind, earlier) for kind in kinds), rules
                )
                earlier += sum(line.count for line in lines)
        claims.extend(
            MeetingClaim(person_id, kind, earlier) for kind in sorted(months.get(first, []))
        )
    return tuple(claims)


@dataclass(frozen=True)
class EndFacts:
    """A person's service period, the days their end-of-service sharing was recorded, and
    whether they still need support after the end (要継続支援: only they are owed the sharing)."""

    person_id: str
    service_start: date
    service_end: date | None
    sharing_days: tuple[date, ...] = ()
    continued_support: bool = True


def sharing_due(facts: EndFacts) -> date:
    """The last day to share: 3 months before the end (recorded end, else the 3-year last day).

    >>> sharing_due(EndFacts("a", date(2024, 10, 1), None))
    datetime.date(2027, 6, 30)
    """
    end = facts.service_end or service_period(facts.service_start).last_day
    return add_months(end, -END_SHARING_MONTHS)


@dataclass(frozen=True)
class SupportSystem:
    """Whether the office meets the 支援体制構築 requirements in a month, and why not."""

    policy_set: bool
    lead_set: bool
    missing_sharing: tuple[str, ...]  # people whose sharing was due and not recorded in time

    @property
    def built(self) -> bool:
        return self.policy_set and self.lead_set and not self.missing_sharing


def support_system(
    policy_set: bool, lead_set: bool, people: Iterable[EndFacts], month: date
) -> SupportSystem:
    """People in service during the month who still need support after the end (要継続支援)
    and whose sharing day has come by the month's end must have a sharing record dated on or
    before that day; people who will not need support are not owed it.

    >>> p = EndFacts("a", date(2024, 10, 1), date(2025, 9, 30))
    >>> support_system(True, True, [p], date(2025, 6, 1)).missing_sharing
    ('a',)
    >>> support_system(True, True, [p], date(2025, 5, 1)).built
    True
    >>> done = EndFacts("a", date(2024, 10, 1), date(2025, 9, 30), continued_support=False)
    >>> support_system(True, True, [done], date(2025, 6, 1)).built
    True
    """
    first, last = month_of(month), month_end(month)
    missing = []
    for facts in people:
        if not facts.continued_support:
            continue
        end = facts.service_end or service_period(facts.service_start).last_day
        if facts.service_start > last or end < first:
            continue
        due = sharing_due(facts)
        if due <= last and not any(day <= due for day in facts.sharing_days):
            missing.append(facts.person_id)
    return SupportSystem(policy_set, lead_set, tuple(sorted(missing)))


def staffing_month(short_since: date | None, month: date) -> int | None:
    """Which month of a declared staffing shortage `month` is (1 = its first), or None.

    >>> staffing_month(date(2025, 4, 20), date(2025, 6, 1))
    3
    >>> staffing_month(date(2025, 7, 1), date(2025, 6, 1)) is None
    True
    """
    return situation_month([Span(short_since, None)] if short_since else [], month)


@dataclass(frozen=True)
class Span:
    """An office situation (a shortage, a report not made) from a month to a month, or still
    going on (`until` None); days stand for their months."""

    since: date
    until: date | None = None


def situation_month(spans: Iterable[Span], month: date) -> int | None:
    """Which month of a situation `month` is (1 = the month it began), or None when no span
    covers the month. Spans that touch or overlap are one situation, counted from the first.

    >>> spans = [Span(date(2025, 4, 1), date(2025, 5, 1)), Span(date(2025, 6, 1))]
    >>> situation_month(spans, date(2025, 7, 1)), situation_month(spans, date(2025, 3, 1))
    (4, None)
    >>> situation_month([Span(date(2025, 4, 1), date(2025, 4, 30))], date(2025, 6, 1)) is None
    True
    """
    first = month_of(month)
    covering: date | None = None
    for span in sorted(spans, key=lambda s: s.since, reverse=True):
        end = None if span.until is None else month_of(span.until)
        start = month_of(span.since)
        if start > first:
            continue
        if covering is None:
            if end is not None and end < first:
                return None
            covering = start
        elif end is None or add_months(end, 1) >= covering:
            covering = min(covering, start)
        else:
            break
    if covering is None:
        return None
    return sum(1 for _ in months_between(covering, first))


@dataclass(frozen=True)
class RewardInputs:
    """One month of an office, in the terms of `teichaku retention reward`'s options; `month`
    (billing.month_users) says who the users are: those in service with the month's report
    shared, and who among them lives in a 特別地域 or has the cap managed by the office."""

    users: int
    initial: int = 0
    meetings: tuple[MeetingClaim, ...] = ()
    job_coach: bool = False
    special_area: int = 0
    support: SupportSystem | None = None
    staffing_shortage_month: int | None = None
    area: str | None = None
    retention_record: bool = False
    copay_cap: int = 0
    month: MonthUsers | None = None
    staffing_shortage_size: str | None = None  # the rule set's start id; None: its default
    service_manager_shortage_month: int | None = None
    info_not_reported: bool = False
    abuse_prevention_missing: bool = False
    treatment_improvement: str | None = None  # 処遇改善加算's grade id (I–IV)
    company_coordination: int = 0

    @classmethod
    def counted(cls, month: MonthUsers, **inputs: Any) -> RewardInputs:
        """The inputs with the users and the per-person additions counted from `month`."""
        return cls(
            users=month.users,
            special_area=len(month.special_area),
            copay_cap=len(month.copay_cap),
            month=month,
            **inputs,
        )

    @property
    def support_system_not_built(self) -> bool:
        return self.support is not None and not self.support.built

    def office_month(self, rate: RateInput) -> OfficeMonth:
        """The rules core's input, built exactly as the CLI builds it from its options."""
        additions = {
            "initial": self.initial,
            "retention_record": self.users if self.retention_record else 0,
            "job_coach": self.users if self.job_coach else 0,
            "special_area": self.special_area,
            "copay_cap": self.copay_cap,
            "company_coordination": self.company_coordination,
        }
        reductions: dict[str, int] = {}
        if self.support_system_not_built:
            reductions["support_system"] = 1
        if self.info_not_reported:
            reductions["info_not_reported"] = 1
        if self.abuse_prevention_missing:
            reductions["abuse_prevention_missing"] = 1
        starts: dict[str, str] = {}
        if self.staffing_shortage_month is not None:
            reductions["staffing_shortage"] = self.staffing_shortage_month
            if self.staffing_shortage_size is not None:
                starts["staffing_shortage"] = self.staffing_shortage_size
        if self.service_manager_shortage_month is not None:
            reductions["service_manager_shortage"] = self.service_manager_shortage_month
        notes = () if self.month is None else self.month.notes
        graded = (
            {}
            if self.treatment_improvement is None
            else {"treatment_improvement": self.treatment_improvement}
        )
        return OfficeMonth(
            self.users,
            rate,
            additions,
            self.meetings,
            reductions,
            self.area,
            starts,
            notes,
            graded,
        )
