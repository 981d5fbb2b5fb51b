"""The consent rules of the share and disclosure forms, as pure functions."""

from __future__ import annotations

from datetime import date

from teichaku.practice.consent import (
    ConsentFacts,
    ShareProblem,
    disclosure_problems,
    share_problem,
)

GIVEN, REVOKED = date(2025, 4, 1), date(2025, 6, 1)
REPORTS = ConsentFacts(frozenset({"reports", "handover"}), GIVEN, REVOKED)


def test_a_consent_is_active_from_its_day_until_its_revocation() -> None:
    assert not REPORTS.active_on(date(2025, 3, 31))
    assert REPORTS.active_on(GIVEN) and REPORTS.active_on(date(2025, 5, 31))
    assert not REPORTS.active_on(REVOKED)
    assert ConsentFacts(frozenset(), GIVEN).active_on(date(2099, 1, 1))


def test_sharing_a_report_needs_a_consent_covering_reports_on_the_day() -> None:
    day = date(2025, 5, 1)
    assert share_problem(to_person=True, consent=None, day=day) is None
    assert share_problem(to_person=False, consent=None, day=day) is ShareProblem.MISSING
    handover_only = ConsentFacts(frozenset({"handover"}), GIVEN)
    assert share_problem(to_person=False, consent=handover_only, day=day) is (
        ShareProblem.NO_REPORTS
    )
    assert share_problem(to_person=False, consent=REPORTS, day=REVOKED) is ShareProblem.INACTIVE
    assert share_problem(to_person=False, consent=REPORTS, day=day) is None


def test_a_disclosure_only_while_active_and_only_what_the_consent_covers() -> None:
    fine = disclosure_problems(REPORTS, date(2025, 5, 1), ["reports"])
    assert not fine
    late = disclosure_problems(REPORTS, REVOKED, ["health", "reports", "contacts"])
    assert late.inactive and late.missing == ("contacts", "health") and late
