"""Why a person is counted and retained, or not: a machine code and sentences naming the rule."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

RULE_WINDOW = "規則A「過去3年間の利用者を算定対象とする」"
RULE_RETAINED = "規則B「前年度末時点で就労を継続している者を就労定着者とする」"
RULE_EXCEPTION = "規則C「転職の例外: 離職後1か月以内の再就職は利用期間中1回まで就労継続とみなす」"


class Code(Enum):
    OUTSIDE_ENDED_BEFORE = "outside_window_ended_before"
    OUTSIDE_STARTED_AFTER = "outside_window_started_after"
    RETAINED_CONTINUOUS = "retained_continuous"
    RETAINED_REEMPLOYED = "retained_reemployed_within_month"
    LEFT_NO_NEW_JOB = "not_retained_left_without_new_job"
    REEMPLOYED_LATE = "not_retained_reemployed_after_month"
    SECOND_BREAK = "not_retained_second_break"
    BREAK_AFTER_SERVICE = "not_retained_break_after_service"
    STATUS_UNKNOWN = "undetermined_status_unknown"
    REEMPLOYMENT_PENDING = "undetermined_reemployment_pending"
    NO_JOB_AT_START = "undetermined_no_employment_at_service_start"

    @property
    def counted(self) -> bool:
        return _COUNTED[self]

    @property
    def retained(self) -> bool | None:
        """True or False for a counted person whose status is known; None otherwise."""
        return _RETAINED[self]


_COUNTED = {code: not code.value.startswith("outside") for code in Code}
_RETAINED = {
    code: None
    if code.value.startswith(("outside", "undetermined"))
    else code.value.startswith("retained")
    for code in Code
}


@dataclass(frozen=True)
class PersonOutcome:
    """One person's result. `retained` is None when not counted or when it cannot be told."""

    person_id: str
    code: Code
    reason: str
    reason_en: str

    @property
    def counted(self) -> bool:
        return _COUNTED[self.code]

    @property
    def retained(self) -> bool | None:
        return _RETAINED[self.code]

    @property
    def undetermined(self) -> bool:
        return self.counted and self.retained is None
