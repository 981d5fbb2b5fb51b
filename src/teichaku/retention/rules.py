"""The rule sets as typed values: every figure carries its source and whether it is verified.

The figures themselves live in `rulesets/*.json`, one file per revision; `loader.py` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from fractions import Fraction


@dataclass(frozen=True)
class Source:
    """Where a figure comes from, and whether a primary source confirmed it."""

    text: str
    unverified: bool


@dataclass(frozen=True)
class Band:
    """A range of 就労定着率, lower bound included, upper bound excluded (None: no upper bound)."""

    min_rate: Fraction
    max_rate: Fraction | None

    @property
    def label(self) -> str:
        low = _percent(self.min_rate)
        if self.max_rate is None:
            return f"{low}以上"
        if self.min_rate == 0:
            return f"{_percent(self.max_rate)}未満"
        return f"{low}以上{_percent(self.max_rate)}未満"

    @property
    def label_en(self) -> str:
        low = _percent(self.min_rate)
        if self.max_rate is None:
            return f"{low} or more"
        if self.min_rate == 0:
            return f"under {_percent(self.max_rate)}"
        return f"{low} to under {_percent(self.max_rate)}"

    def contains(self, rate: Fraction) -> bool:
        return rate >= self.min_rate and (self.max_rate is None or rate < self.max_rate)


def _percent(rate: Fraction) -> str:
    value = rate * 100
    return f"{int(value)}%" if value.denominator == 1 else f"{float(value):g}%"


@dataclass(frozen=True)
class Column:
    """Units per user per month for each band, for offices up to `max_users` users.

    `units` is None when the figures are not known: the product must say so, not guess.
    """

    id: str
    label: str
    min_users: int
    max_users: int | None
    units: tuple[int, ...] | None
    source: Source

    def fits(self, users: int) -> bool:
        return users >= self.min_users and (self.max_users is None or users <= self.max_users)


class Basis(Enum):
    PER_USER_MONTH = "per_user_month"
    ONCE_PER_PERSON = "once_per_person"
    PER_MEETING = "per_meeting"


@dataclass(frozen=True)
class Addition:
    id: str
    name: str
    units: int | None
    basis: Basis
    condition: str
    source: Source
    cap_group: str | None = None


@dataclass(frozen=True)
class RateGrade:
    """One grade of an addition paid as a rate of the month's units; `rate` None: not known."""

    id: str
    label: str
    rate: Fraction | None
    source: Source


@dataclass(frozen=True)
class RateAddition:
    """An addition worth a rate of the month's units (福祉・介護職員等処遇改善加算), by grade."""

    id: str
    name: str
    condition: str
    grades: tuple[RateGrade, ...]
    source: Source

    def grade(self, grade_id: str) -> RateGrade:
        for grade in self.grades:
            if grade.id == grade_id:
                return grade
        known = ", ".join(g.id for g in self.grades)
        raise ValueError(f"{self.name}: 区分 {grade_id!r} はありません / no such grade; {known}")


@dataclass(frozen=True)
class CapGroup:
    """Claims of the additions in one group allowed per person per month and per fiscal year."""

    id: str
    per_person_month: int
    per_person_year: int
    source: Source


@dataclass(frozen=True)
class ReductionStep:
    from_month: int
    factor: Fraction


@dataclass(frozen=True)
class ReductionStart:
    """When a reduction starts for one kind of situation: `after_months` months after the
    month the situation began (0: that month; 1: the month after)."""

    id: str
    label: str
    after_months: int


@dataclass(frozen=True)
class Reduction:
    """A factor on the base units; `steps` by the month of the reduction (1 = its first).

    `starts` (with `default_start`) say how many months after the situation began the reduction
    starts, by kind of situation; without them it starts in the situation's first month.
    """

    id: str
    name: str
    condition: str
    steps: tuple[ReductionStep, ...]
    source: Source
    starts: tuple[ReductionStart, ...] = ()
    default_start: str | None = None
    starts_source: Source | None = None

    def start(self, start_id: str | None) -> ReductionStart | None:
        """The kind of situation given (None: the default); ValueError naming the accepted."""
        wanted = self.default_start if start_id is None else start_id
        if wanted is None and not self.starts:
            return None
        for start in self.starts:
            if start.id == wanted:
                return start
        known = ", ".join(start.id for start in self.starts) or "(なし / none)"
        raise ValueError(
            f"{self.name}: 状況の区分 {start_id!r} はありません / no such kind; accepted: {known}"
        )

    def factor_for(self, month: int) -> Fraction:
        factor = self.steps[0].factor
        for step in self.steps:
            if month >= step.from_month:
                factor = step.factor
        return factor


@dataclass(frozen=True)
class AlternativeWindow:
    """A window the office may choose instead of the usual one for one fiscal year's reward
    (FY2021: FY2018-FY2019, the COVID option)."""

    fiscal_year: int
    from_fiscal_year: int
    to_fiscal_year: int
    source: Source


@dataclass(frozen=True)
class RetentionRule:
    """Parameters of the 就労定着率 definition."""

    window_fiscal_years: int
    reemployment_within_months: int
    reemployment_exceptions: int
    source: Source
    alternative_window: AlternativeWindow | None = None


@dataclass(frozen=True)
class AreaGrade:
    """A 地域区分: its yen per unit, or None when this service's staff-cost share is not known
    (`uplift` is the grade's 上乗せ割合; yen = 10 × (1 + uplift × staff share))."""

    name: str
    yen_per_unit: Fraction | None
    source: Source
    uplift: Fraction | None = None


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    effective_from: date
    effective_to: date | None
    origin: str
    retention: RetentionRule
    bands: tuple[Band, ...]
    bands_source: Source
    base_name: str
    columns: tuple[Column, ...]
    additions: tuple[Addition, ...]
    cap_groups: tuple[CapGroup, ...]
    reductions: tuple[Reduction, ...]
    area_grades: tuple[AreaGrade, ...]
    area_grades_source: Source
    notes: tuple[str, ...]
    area_grade_names: tuple[str, ...] = ()  # every 地域区分 of the law, priced or not
    rate_additions: tuple[RateAddition, ...] = ()
    # Since FY2021 a person's month is billable only with that month's 支援レポート shared.
    requires_shared_report: bool = False
    shared_report_source: Source | None = None
    # This service's 人件費割合 for the 地域区分 multiplier (None: not known).
    staff_share: Fraction | None = None
    staff_share_source: Source | None = None
    # The last day the figures were checked to be in force (the next revision is not shipped).
    checked_through: date | None = None
    checked_through_source: Source | None = None

    def band_index(self, rate: Fraction) -> int | None:
        """The band the rate falls in; None when this rule set has no known bands."""
        for index, band in enumerate(self.bands):
            if band.contains(rate):
                return index
        if self.bands:
            raise ValueError(f"rate {rate} outside [0, 1]")
        return None

    def column_for(self, users: int | None) -> Column | None:
        """The column for an office's number of users; None when it cannot be told."""
        if users is None:
            whole = [c for c in self.columns if c.min_users == 0 and c.max_users is None]
            return whole[0] if whole else None
        return next((column for column in self.columns if column.fits(users)), None)

    def addition(self, addition_id: str) -> Addition:
        for addition in self.additions:
            if addition.id == addition_id:
                return addition
        known = ", ".join(a.id for a in self.additions) or "(none)"
        raise KeyError(f"{self.id}: 加算 {addition_id!r} はありません / no such addition; {known}")

    def reduction(self, reduction_id: str) -> Reduction:
        for reduction in self.reductions:
            if reduction.id == reduction_id:
                return reduction
        known = ", ".join(r.id for r in self.reductions) or "(none)"
        raise KeyError(
            f"{self.id}: 減算 {reduction_id!r} はありません / no such reduction; {known}"
        )

    def cap_group(self, group_id: str) -> CapGroup | None:
        return next((group for group in self.cap_groups if group.id == group_id), None)

    def area_grade(self, name: str) -> AreaGrade | None:
        return next((grade for grade in self.area_grades if grade.name == name), None)
