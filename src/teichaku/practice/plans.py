"""The 就労定着支援計画 (individual support plan): when its next review is due.

The サービス管理責任者 reviews the plan **at least once every 3 months** and changes it when
needed. Source: 障害者の日常生活及び社会生活を総合的に支援するための法律に基づく指定障害福祉
サービスの事業等の人員、設備及び運営に関する基準(平成18年厚生労働省令第171号)第206条の12 が
就労定着支援に第58条(個別支援計画の作成等)を準用し、同条第8項の「6月に1回以上」を「3月に
1回以上」と読み替える(就労移行支援 第184条 と同じ読替え); 解釈通知(平成18年12月6日障発第
1206001号)の就労定着支援の項が同じ見直しを求める. Status: `unverified` — the article numbers
and the reading come from the issue's brief and secondary summaries; the primary texts were not
at hand when this was written (one secondary source speaks of a 6-month plan period, which is
the plan's span, not its review interval). See docs/office.md.

>>> plan = PlanFacts(written_on=date(2025, 1, 31), signed_on=date(2025, 2, 3))
>>> next_review_due(plan)
datetime.date(2025, 4, 30)
>>> next_review_due(PlanFacts(date(2025, 1, 31), None, reviews=(date(2025, 4, 10),)))
datetime.date(2025, 7, 10)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from teichaku.retention.periods import add_months

# 指定基準 第206条の12(第58条第8項の読替え): 少なくとも3月に1回以上見直す (unverified, above).
REVIEW_INTERVAL_MONTHS = 3
# The dashboard warns this many days before a review falls due (and keeps warning after).
REVIEW_NOTICE_DAYS = 14


@dataclass(frozen=True)
class PlanFacts:
    """What the review rule looks at: the day the plan was written, the person's signature
    day (None: not yet agreed), and the days of its reviews."""

    written_on: date
    signed_on: date | None
    reviews: tuple[date, ...] = ()

    @property
    def agreed(self) -> bool:
        return self.signed_on is not None


def last_reviewed(plan: PlanFacts) -> date:
    """The plan's day or its latest review on or after it, whichever is later."""
    return max((day for day in plan.reviews if day >= plan.written_on), default=plan.written_on)


def next_review_due(plan: PlanFacts) -> date:
    """The last day of the next review: 3 months after the plan or its latest review (the same
    day number, or the month's last day when that month is shorter)."""
    return add_months(last_reviewed(plan), REVIEW_INTERVAL_MONTHS)


def review_days_left(plan: PlanFacts, today: date) -> int:
    """Days until the next review is due (negative: overdue)."""
    return (next_review_due(plan) - today).days


def review_is_near(plan: PlanFacts, today: date) -> bool:
    """Whether the dashboard should say so: due within `REVIEW_NOTICE_DAYS`, or overdue."""
    return review_days_left(plan, today) <= REVIEW_NOTICE_DAYS


def current_plan(plans: Iterable[PlanFacts], day: date) -> PlanFacts | None:
    """The plan in force on `day`: the latest written on or before it."""
    earlier = [p for p in plans if p.written_on <= day]
    return max(earlier, key=lambda p: p.written_on, default=None)
