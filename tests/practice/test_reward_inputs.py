"""Reward inputs from office records: meeting claims capped by the core, the 支援体制構築
requirement, the staffing-shortage month, and the OfficeMonth the CLI would build."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from teichaku.practice.reward_inputs import (
    EndFacts,
    MeetingFact,
    RewardInputs,
    Span,
    meeting_claims,
    situation_month,
    staffing_month,
    support_system,
)
from teichaku.retention.billing import MonthUsers, first_year_users
from teichaku.retention.loader import shipped_rule_set
from teichaku.retention.people import Person
from teichaku.retention.reward import estimate

RULES = shipped_rule_set("fy2024")


def test_earlier_claims_count_what_the_core_accepted_not_what_was_held() -> None:
    held = [
        MeetingFact("a", date(2025, 4, 2), "meeting_1"),
        MeetingFact("a", date(2025, 4, 9), "meeting_2"),  # 2nd in April: not claimable
        MeetingFact("a", date(2025, 5, 9), "meeting_2"),
        MeetingFact("a", date(2025, 7, 9), "meeting_2"),
        MeetingFact("a", date(2025, 9, 1), "meeting_1"),
        MeetingFact("b", date(2025, 9, 3), "meeting_2"),
        MeetingFact("b", date(2025, 3, 3), "meeting_1"),  # the previous fiscal year
        MeetingFact("c", date(2025, 10, 3), "meeting_1"),  # a later month
    ]
    claims = meeting_claims(held, date(2025, 9, 20), RULES)
    assert [(c.person_id, c.addition_id, c.earlier_this_year) for c in claims] == [
        ("a", "meeting_1", 3),
        ("b", "meeting_2", 0),
    ]
    result = estimate(RewardInputs(users=2, meetings=claims).office_month(Fraction(9, 10)), RULES)
    assert {line.item: line.count for line in result.lines if line.item.startswith("meeting")} == {
        "meeting_1": 1,
        "meeting_2": 1,
    }


def test_the_fifth_meeting_of_the_year_is_refused_by_the_core() -> None:
    held = [MeetingFact("a", date(2025, m, 5), "meeting_1") for m in (4, 5, 6, 7, 8)]
    claims = meeting_claims(held, date(2025, 8, 1), RULES)
    assert [c.earlier_this_year for c in claims] == [4]
    result = estimate(RewardInputs(users=1, meetings=claims).office_month(Fraction(1)), RULES)
    assert "meeting_1" not in {line.item for line in result.lines}
    assert any("上限" in note for note in result.notes)


def test_support_system_needs_policy_lead_and_timely_sharing() -> None:
    ending = EndFacts("a", date(2022, 10, 1), None)  # 3-year end 2025-09-30, due 2025-06-30
    assert not support_system(False, True, [], date(2025, 6, 1)).built
    assert not support_system(True, False, [], date(2025, 6, 1)).built
    assert support_system(True, True, [ending], date(2025, 5, 1)).built  # not due yet
    assert support_system(True, True, [ending], date(2025, 6, 1)).missing_sharing == ("a",)
    late = EndFacts("a", date(2022, 10, 1), None, (date(2025, 7, 1),))
    assert support_system(True, True, [late], date(2025, 7, 1)).missing_sharing == ("a",)
    timely = EndFacts("a", date(2022, 10, 1), None, (date(2025, 6, 30),))
    assert support_system(True, True, [timely], date(2025, 7, 1)).built
    # Once the service has ended, the person no longer counts for later months.
    assert support_system(True, True, [ending], date(2025, 10, 1)).built
    # A recorded early end moves the due day.
    early = EndFacts("a", date(2022, 10, 1), date(2025, 3, 31))
    assert support_system(True, True, [early], date(2025, 1, 1)).missing_sharing == ("a",)


def test_staffing_month_and_the_cli_shaped_office_month() -> None:
    assert staffing_month(None, date(2025, 6, 1)) is None
    assert staffing_month(date(2025, 6, 30), date(2025, 6, 1)) == 1
    assert staffing_month(date(2024, 12, 1), date(2025, 2, 1)) == 3
    ending = EndFacts("a", date(2022, 10, 1), None)
    inputs = RewardInputs(
        users=5,
        initial=1,
        job_coach=True,
        special_area=5,
        support=support_system(True, True, [ending], date(2025, 6, 1)),
        staffing_shortage_month=3,
        area="その他",
    )
    month = inputs.office_month(None)
    assert month.additions["job_coach"] == 5 and month.additions["special_area"] == 5
    assert month.additions["initial"] == 1
    assert month.reductions == {"support_system": 1, "staffing_shortage": 3}
    assert month.area_grade == "その他"


def test_situation_month_counts_from_the_first_month_of_touching_records() -> None:
    """By hand: April–May then June on (touching): July is the 4th month; a gap of a month
    (April, then June on) starts again in June: July is the 2nd."""
    touching = [Span(date(2025, 4, 10), date(2025, 5, 3)), Span(date(2025, 6, 1))]
    assert situation_month(touching, date(2025, 7, 20)) == 4
    gap = [Span(date(2025, 4, 1), date(2025, 4, 1)), Span(date(2025, 6, 1))]
    assert situation_month(gap, date(2025, 7, 1)) == 2
    assert situation_month(gap, date(2025, 5, 1)) is None  # resolved in April
    assert situation_month(gap, date(2025, 4, 1)) == 1
    overlapping = [Span(date(2025, 1, 1), date(2025, 8, 1)), Span(date(2025, 3, 1))]
    assert situation_month(overlapping, date(2025, 6, 1)) == 6
    assert situation_month([], date(2025, 6, 1)) is None


def test_the_new_inputs_build_the_office_month_as_the_cli_options_do() -> None:
    inputs = RewardInputs(
        users=4,
        staffing_shortage_month=2,
        staffing_shortage_size="up_to_10_percent",
        service_manager_shortage_month=3,
        info_not_reported=True,
        abuse_prevention_missing=True,
        treatment_improvement="II",
        company_coordination=2,
    )
    month = inputs.office_month(Fraction(9, 10))
    assert month.reductions == {
        "staffing_shortage": 2,
        "service_manager_shortage": 3,
        "info_not_reported": 1,
        "abuse_prevention_missing": 1,
    }
    assert month.reduction_starts == {"staffing_shortage": "up_to_10_percent"}
    assert month.rate_additions == {"treatment_improvement": "II"}
    assert month.additions["company_coordination"] == 2


def test_company_coordination_is_for_billable_users_in_their_first_twelve_months() -> None:
    """企業連携等調整特別加算 (支援開始から1年以内): a start on 2024-05-20 counts through
    2025-04 (12 calendar months), not in 2025-05; an unbilled person never counts."""
    a = Person("a", date(2024, 5, 20), None, ())
    b = Person("b", date(2025, 3, 1), None, ())
    april = MonthUsers(date(2025, 4, 1), ("a", "b"), ("a",), ("b",), (), (), ())
    may = MonthUsers(date(2025, 5, 1), ("a", "b"), ("a", "b"), (), (), (), ())
    assert first_year_users([a, b], april) == ("a",)
    assert first_year_users([a, b], may) == ("b",)
