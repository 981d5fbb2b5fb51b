"""Consent rules for giving a person's information to someone else (要配慮個人情報の第三者提供):
pure functions the office's share and disclosure forms call.

>>> c = ConsentFacts(frozenset({"reports"}), date(2025, 4, 1), date(2025, 6, 1))
>>> share_problem(to_person=False, consent=c, day=date(2025, 5, 1)) is None
True
>>> share_problem(to_person=False, consent=c, day=date(2025, 6, 1))
<ShareProblem.INACTIVE: 'inactive'>
>>> disclosure_problems(c, date(2025, 5, 1), {"reports", "health"})
DisclosureProblems(inactive=False, missing=('health',))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

REPORTS = "reports"  # the category that covers the monthly 支援レポート


@dataclass(frozen=True)
class ConsentFacts:
    """What a recorded consent says: the categories it covers, from when, until its revocation."""

    categories: frozenset[str]
    given_on: date
    revoked_on: date | None = None

    def active_on(self, day: date) -> bool:
        """Given on or before the day, and not revoked on or before it."""
        return self.given_on <= day and (self.revoked_on is None or self.revoked_on > day)


class ShareProblem(Enum):
    MISSING = "missing"  # shared with someone other than the person, without consent
    NO_REPORTS = "no_reports"  # the consent does not cover the 支援レポート
    INACTIVE = "inactive"  # the consent is not in force on the day of sharing


def share_problem(
    *, to_person: bool, consent: ConsentFacts | None, day: date | None
) -> ShareProblem | None:
    """Why a 支援レポート may not be shared, or None: the person themself needs no consent; anyone
    else needs a consent covering the reports and in force on the day."""
    if to_person:
        return None
    if consent is None:
        return ShareProblem.MISSING
    if REPORTS not in consent.categories:
        return ShareProblem.NO_REPORTS
    if day is not None and not consent.active_on(day):
        return ShareProblem.INACTIVE
    return None


@dataclass(frozen=True)
class DisclosureProblems:
    inactive: bool  # the consent is not in force on the day of the disclosure
    missing: tuple[str, ...]  # categories disclosed that the consent does not cover (sorted)

    def __bool__(self) -> bool:
        return self.inactive or bool(self.missing)


def disclosure_problems(
    consent: ConsentFacts, day: date, categories: Iterable[str]
) -> DisclosureProblems:
    """A disclosure under a consent: in force on the day, and only the categories it covers."""
    missing = tuple(sorted(set(categories) - consent.categories))
    return DisclosureProblems(not consent.active_on(day), missing)
