"""Per-meeting additions (地域連携会議実施加算) with their caps per person, month and year.

When a person has more claims in a month than the cap allows, the ones worth more units are
kept; the rest are shown as not claimable, with the cap that stops them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from teichaku.retention.lines import RewardLine
from teichaku.retention.rules import Addition, Basis, RuleSet


@dataclass(frozen=True)
class MeetingClaim:
    """One meeting for one person this month; `earlier_this_year` counts the person's claims
    of the same cap group earlier in the fiscal year."""

    person_id: str
    addition_id: str
    earlier_this_year: int = 0


def meeting_lines(
    claims: tuple[MeetingClaim, ...], rules: RuleSet
) -> tuple[list[RewardLine], list[str], bool]:
    """Lines for the claims that fit the caps, one line per addition; notes for the rest."""
    notes: list[str] = []
    complete = True
    known = {a.id: a for a in rules.additions if a.basis is Basis.PER_MEETING}
    by_person: dict[tuple[str, str], list[tuple[MeetingClaim, Addition]]] = defaultdict(list)
    for claim in claims:
        addition = known.get(claim.addition_id)
        if addition is None:
            notes.append(
                f"会議の加算 {claim.addition_id} は{rules.id}に収録なし(未確認) — 計算に含めない"
            )
            complete = False
            continue
        by_person[(claim.person_id, addition.cap_group or addition.id)].append((claim, addition))
    kept: dict[str, int] = defaultdict(int)
    refused: dict[str, int] = defaultdict(int)
    for (person_id, group_id), items in sorted(by_person.items()):
        group = rules.cap_group(group_id)
        earlier = max(claim.earlier_this_year for claim, _ in items)
        room = len(items)
        if group is not None:
            room = max(0, min(group.per_person_month, group.per_person_year - earlier))
        items.sort(key=lambda item: -(item[1].units or 0))
        for position, (_, addition) in enumerate(items):
            if position < room:
                kept[addition.id] += 1
            else:
                refused[addition.id] += 1
        if group is not None and len(items) > room:
            notes.append(
                f"{person_id}: 会議{len(items)}件のうち{len(items) - room}件は上限"
                f"(月{group.per_person_month}回・年{group.per_person_year}回、今年度既に{earlier}回)"
                f"を超えるため算定しない / over the cap"
            )
    lines = []
    for addition_id, count in sorted(kept.items()):
        addition = known[addition_id]
        units = None if addition.units is None else addition.units * count
        working = (
            "単位数不明(UNVERIFIED)"
            if units is None
            else f"{addition.units:,}単位 × {count}回 = {units:,}単位"
        )
        if refused.get(addition_id):
            working += f"(上限超過 {refused[addition_id]}回は除外)"
        lines.append(
            RewardLine(
                addition.id,
                addition.name,
                addition.units,
                count,
                units,
                working,
                addition.source.text,
                addition.source.unverified,
            )
        )
    return lines, notes, complete
