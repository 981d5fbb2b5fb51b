"""The same office under two rule sets (the study's item ⑫: FY2021 against FY2024).

>>> from teichaku.retention.reward import OfficeMonth
>>> c = compare(OfficeMonth(users=10, rate=Fraction(17, 20)))
>>> c.base_difference  # (2768 - 2710) * 10
580
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction  # noqa: F401  (used by the doctest)

from teichaku.retention.loader import shipped_rule_set
from teichaku.retention.reward import OfficeMonth, RewardEstimate, estimate
from teichaku.retention.rules import RuleSet


@dataclass(frozen=True)
class Comparison:
    """`base_difference` and `total_difference` are after minus before, None when unknown."""

    before: RewardEstimate
    after: RewardEstimate
    base_difference: int | None
    total_difference: int | None
    notes: tuple[str, ...]


def _base_total(result: RewardEstimate) -> int | None:
    if result.base.units is None:
        return None
    return result.base.units * result.users


def compare(
    office: OfficeMonth,
    before: RuleSet | None = None,
    after: RuleSet | None = None,
    *,
    office_after: OfficeMonth | None = None,
) -> Comparison:
    """Estimate the office under both rule sets; say what cannot be compared.

    `office_after` is the same office with its rate rated under `after` (when the rate comes
    from records, each rule set rates them); by default `office` is used for both.
    """
    before = before or shipped_rule_set("fy2021")
    after = after or shipped_rule_set("fy2024")
    old, new = estimate(office, before), estimate(office_after or office, after)
    notes: list[str] = []
    old_base, new_base = _base_total(old), _base_total(new)
    base_diff = None if old_base is None or new_base is None else new_base - old_base
    if base_diff is None:
        unknown = old if old_base is None else new
        notes.append(f"基本報酬の比較不可: {unknown.rule_set} — {unknown.base.reason}")
    total_diff = None
    if old.total_units is not None and new.total_units is not None:
        total_diff = new.total_units - old.total_units
    if not (old.complete and new.complete):
        notes.append(
            "加算・減算の一部が一方の規則セットに収録されていないため、合計の差は収録分のみの比較。"
            " / Some additions or reductions are missing from one rule set: the total compares "
            "what is recorded only."
        )
    return Comparison(old, new, base_diff, total_diff, tuple(notes))
