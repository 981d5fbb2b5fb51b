"""The office's daily-work functions: contact requirement, alerts, drafts, completeness."""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from teichaku.practice import (
    alerts,
    contacts,
    handover,
    months,
    report_draft,
    reward_inputs,
    scenarios,
)
from teichaku.practice.alerts import AlertKind, PersonFacts, person_alerts
from teichaku.practice.contacts import ContactFact, month_status
from teichaku.practice.handover import completeness, role_gaps
from teichaku.practice.plans import PlanFacts
from teichaku.practice.report_draft import ContactLine, draft_report
from teichaku.practice.scenarios import leaves
from teichaku.retention.loader import shipped_rule_set
from teichaku.retention.people import Employment, Person

RULE = shipped_rule_set("fy2024").retention
TODAY = date(2025, 6, 15)


@pytest.mark.parametrize(
    "module", [alerts, contacts, handover, months, report_draft, reward_inputs, scenarios]
)
def test_docstring_examples(module: object) -> None:
    failed, _ = doctest.testmod(module)  # type: ignore[arg-type]
    assert failed == 0


def test_month_status_counts_only_the_month_and_days_since_any_contact() -> None:
    facts = [
        ContactFact(date(2025, 5, 30), True, ("person",)),
        ContactFact(date(2025, 6, 3), False, ("employer",)),
        ContactFact(date(2025, 6, 20), True, ("person",)),  # after today: not yet happened
    ]
    status = month_status(facts, date(2025, 6, 1), TODAY)
    assert (status.contacts, status.face_to_face, status.employer_contacts) == (1, 0, 1)
    assert status.days_since_last == 12
    assert status.days_left_in_month == 15
    assert not status.face_to_face_done


def in_service(**changes: object) -> PersonFacts:
    base = PersonFacts(
        "p",
        service_start=date(2024, 10, 1),
        service_end=None,
        employments=(Employment(date(2024, 4, 1)),),
        contacts=(ContactFact(date(2025, 6, 2), True, ("person",)),),
        shared_report_months=frozenset(months.months_between(date(2024, 10, 1), date(2025, 5, 1))),
        end_sharing_recorded=False,
        plan=PlanFacts(date(2025, 5, 20), date(2025, 5, 22)),
    )
    return PersonFacts(**{**base.__dict__, **changes})


def kinds(facts: PersonFacts, today: date = TODAY) -> set[AlertKind]:
    return {a.kind for a in person_alerts(facts, today, RULE)}


def test_a_person_with_everything_done_has_no_alert() -> None:
    assert kinds(in_service()) == set()


def test_face_to_face_missing_this_month() -> None:
    facts = in_service(contacts=(ContactFact(date(2025, 6, 2), False, ("person",)),))
    [alert] = person_alerts(facts, TODAY, RULE)
    assert alert.kind is AlertKind.FACE_TO_FACE and alert.days_left == 15


def test_unshared_months_are_listed() -> None:
    shared = frozenset({date(2024, 10, 1), date(2024, 12, 1)})
    [alert] = [
        a
        for a in person_alerts(in_service(shared_report_months=shared), TODAY, RULE)
        if a.kind is AlertKind.REPORT_UNSHARED
    ]
    assert alert.months[0] == date(2024, 11, 1) and alert.months[-1] == date(2025, 5, 1)
    assert len(alert.months) == 6


def test_eligibility_comes_from_the_rules_core() -> None:
    facts = PersonFacts("p", None, None, (Employment(date(2024, 12, 20)),))
    [alert] = person_alerts(facts, TODAY, RULE)
    assert alert.kind is AlertKind.ELIGIBILITY and alert.due == date(2025, 6, 20)
    assert alert.days_left == 5
    assert kinds(PersonFacts("p", None, None, (Employment(date(2025, 3, 1)),))) == set()


def test_end_of_three_years_and_the_sharing_three_months_before() -> None:
    facts = in_service(service_start=date(2022, 7, 1), shared_report_months=frozenset())
    found = {a.kind: a for a in person_alerts(facts, TODAY, RULE)}
    assert found[AlertKind.SERVICE_END].due == date(2025, 6, 30)
    assert found[AlertKind.END_SHARING].due == date(2025, 3, 30)
    days_left = found[AlertKind.END_SHARING].days_left
    assert days_left is not None and days_left < 0
    assert AlertKind.END_SHARING not in kinds(
        in_service(service_start=date(2022, 7, 1), end_sharing_recorded=True)
    )


def test_end_sharing_alert_only_for_people_needing_continued_support() -> None:
    """支援体制構築未実施減算 (fy2024.json): the sharing is owed for 要継続支援 people only."""
    settled = in_service(service_start=date(2022, 7, 1), continued_support=False)
    assert AlertKind.END_SHARING not in kinds(settled)
    assert AlertKind.SERVICE_END in kinds(settled)


def test_job_change_window_running_then_closed() -> None:
    jobs = (Employment(date(2024, 4, 1), date(2025, 6, 1)),)
    [alert] = person_alerts(in_service(employments=jobs), TODAY, RULE)
    assert alert.kind is AlertKind.JOB_CHANGE
    assert alert.due == date(2025, 7, 1) and alert.days_left == 16
    assert AlertKind.JOB_CHANGE not in kinds(in_service(employments=jobs), date(2025, 7, 2))
    rehired = (*jobs, Employment(date(2025, 6, 10)))
    assert AlertKind.JOB_CHANGE not in kinds(in_service(employments=rehired))


def test_intake_needs_profile_and_consent() -> None:
    assert AlertKind.INTAKE in kinds(
        in_service(from_other_organisation=True, consent_recorded=False)
    )
    assert AlertKind.INTAKE not in kinds(in_service(from_other_organisation=True))


def test_office_alerts_sorted_by_days_left() -> None:
    people = [
        in_service(person_id="a", contacts=()),
        PersonFacts("b", None, None, (Employment(date(2024, 12, 1)),)),
    ]
    found = alerts.office_alerts(people, TODAY, RULE)
    assert [a.person_id for a in found] == ["b", "a"]


def test_completeness_and_role_gaps() -> None:
    filled = {key: "記入" for key in handover.SECTION_KEYS}
    assert completeness(filled).complete and completeness(filled).percent == 100
    with pytest.raises(KeyError):
        completeness({"hobby": "x"})
    assert role_gaps(dict.fromkeys(handover.ROLE_AREA_KEYS, True)) == ()


def test_leaves_ends_only_that_persons_open_jobs() -> None:
    a = Person("a", date(2024, 1, 1), None, (Employment(date(2023, 1, 1)),))
    b = Person("b", date(2024, 1, 1), None, (Employment(date(2023, 1, 1)),))
    changed = leaves([a, b], "b", date(2025, 1, 31))
    assert changed[0] == a and changed[1].employments[0].left_on == date(2025, 1, 31)
    with pytest.raises(KeyError):
        leaves([a], "zz", date(2025, 1, 1))


def test_draft_report_opens_its_issues_with_the_plans_goals() -> None:
    line = ContactLine(date(2025, 5, 3), "職場訪問", "本人", True, 40, "", "")
    draft = draft_report(date(2025, 5, 1), [line], goals=["週5日勤務を続ける", " "])
    assert draft.issues == "【計画の目標】\n・週5日勤務を続ける"
    assert "計画の目標" not in draft_report(date(2025, 5, 1), [line]).issues
