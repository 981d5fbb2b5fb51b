"""The reward estimate: band and base units for a rate, and an office's monthly total.

Every line shows its working and its source; a figure the sources do not give is left None
with the reason, never guessed.

>>> from teichaku.retention.loader import shipped_rule_set
>>> base_units(Fraction(17, 20), shipped_rule_set("fy2024")).units
2768
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from teichaku.retention.lines import RewardLine
from teichaku.retention.meetings import MeetingClaim, meeting_lines
from teichaku.retention.rules import Basis, RateAddition, Reduction, RuleSet

RateInput = Fraction | tuple[Fraction, Fraction] | None


@dataclass(frozen=True)
class BaseUnits:
    """Units per user per month for a rate. `units` is None with `reason` when not known."""

    rule_set: str
    band: str | None
    band_en: str | None
    column: str | None
    units: int | None
    unverified: bool
    source: str
    reason: str


@dataclass(frozen=True)
class OfficeMonth:
    """One month of an office: its users, what applies, and where it is.

    `additions` maps an addition id to the number of users it is claimed for (per-user-month
    and once-per-person additions); `reductions` maps a reduction id to the month of the
    situation (1 = the month it began; the rule set says how many months later the reduction
    starts); `reduction_starts` maps a reduction id to the kind of situation (人員欠如:
    `over_10_percent` or `up_to_10_percent`; the rule set's default when absent, said in the
    notes); `meetings` lists the meeting claims person by person; `notes` say how the users
    were counted.
    """

    users: int
    rate: RateInput
    additions: Mapping[str, int] = field(default_factory=dict)
    meetings: tuple[MeetingClaim, ...] = ()
    reductions: Mapping[str, int] = field(default_factory=dict)
    area_grade: str | None = None
    reduction_starts: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # how the users were counted (billing.month_users)
    rate_additions: Mapping[str, str] = field(default_factory=dict)  # id → grade id


@dataclass(frozen=True)
class RewardEstimate:
    rule_set: str
    rule_set_title: str
    users: int
    base: BaseUnits
    lines: tuple[RewardLine, ...]
    total_units: int | None
    complete: bool
    yen: int | None
    yen_reason: str
    notes: tuple[str, ...]


def base_units(rate: RateInput, rules: RuleSet, users: int | None = None) -> BaseUnits:
    """Band and units per user per month; a (low, high) rate gives a band only if both agree."""
    low, high = (rate, rate) if not isinstance(rate, tuple) else rate
    column = rules.column_for(users)
    col_id = None if column is None else column.id

    def unknown(reason: str, band: int | None = None, unverified: bool = True) -> BaseUnits:
        b = None if band is None else rules.bands[band]
        label, label_en = (None, None) if b is None else (b.label, b.label_en)
        return BaseUnits(rules.id, label, label_en, col_id, None, unverified, "", reason)

    if low is None or high is None:
        return unknown(
            "就労定着率が算出できないため区分を決められない / no rate, so no band", None, False
        )
    index = rules.band_index(low)
    if index is None:
        return unknown(f"{rules.id}: 報酬区分が資料にない(UNVERIFIED) / bands not in the sources")
    if rules.band_index(high) != index:
        return unknown(
            "判定できない利用者がいて率の範囲が複数の区分にまたがる / the rate range spans bands",
            None,
            False,
        )
    if column is None:
        reason = (
            "この規則セットは利用者数で列が分かれる: 利用者数を指定してください / "
            "give the number of users"
            if users is None
            else f"利用者数{users}人に当たる列がない / no column for {users} users"
        )
        return unknown(reason, index, False)
    if column.units is None:
        return unknown(
            f"{column.label}の単位数は未確認(UNVERIFIED)のため示さない: {column.source.text}", index
        )
    band = rules.bands[index]
    return BaseUnits(
        rules.id,
        band.label,
        band.label_en,
        column.id,
        column.units[index],
        column.source.unverified or rules.bands_source.unverified,
        column.source.text,
        "",
    )


def round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def estimate(office: OfficeMonth, rules: RuleSet) -> RewardEstimate:
    """The monthly total in units (and yen where the area multiplier is known)."""
    base = base_units(office.rate, rules, office.users)
    lines: list[RewardLine] = []
    notes: list[str] = [*rules.notes, *office.notes]
    complete = True
    per_user = base.units
    if per_user is not None:
        lines.append(
            RewardLine(
                "base",
                f"{rules.base_name}({base.band})",
                per_user,
                office.users,
                per_user * office.users,
                f"{per_user:,}単位 × {office.users}人 = {per_user * office.users:,}単位",
                base.source,
                base.unverified,
            )
        )
        for reduction_id, month in sorted(office.reductions.items()):
            if reduction_id not in {r.id for r in rules.reductions}:
                notes.append(f"減算 {reduction_id} は{rules.id}に収録なし(未確認) — 計算に含めない")
                complete = False
                continue
            reduction = rules.reduction(reduction_id)
            applied, when = _reduction_month(reduction, month, office, notes)
            if applied < 1:
                continue
            factor = reduction.factor_for(applied)
            reduced = round_half_up(per_user * factor)
            diff = (reduced - per_user) * office.users
            lines.append(
                RewardLine(
                    reduction.id,
                    reduction.name,
                    reduced - per_user,
                    office.users,
                    diff,
                    f"{per_user:,}単位 × {float(factor):.0%}(減算{applied}か月目{when})"
                    f"= {reduced:,}単位、"
                    f"差 {reduced - per_user:,}単位 × {office.users}人 = {diff:,}単位",
                    reduction.source.text,
                    reduction.source.unverified,
                )
            )
            per_user = reduced
    else:
        notes.append(f"基本報酬の単位数が不明: {base.reason}")
    for addition_id, count in sorted(office.additions.items()):
        if count == 0:
            continue
        if count > office.users:
            raise ValueError(
                f"加算 {addition_id}: {count}人は利用者数{office.users}人を超える / "
                "more than the users"
            )
        if addition_id not in {a.id for a in rules.additions}:
            notes.append(f"加算 {addition_id} は{rules.id}に収録なし(未確認) — 計算に含めない")
            complete = False
            continue
        addition = rules.addition(addition_id)
        if addition.basis is Basis.PER_MEETING:
            raise ValueError(
                f"加算 {addition_id} は会議ごと: meetings で指定 / give it as meetings"
            )
        units = None if addition.units is None else addition.units * count
        lines.append(
            RewardLine(
                addition.id,
                addition.name,
                addition.units,
                count,
                units,
                "単位数不明(UNVERIFIED)"
                if units is None
                else f"{addition.units:,}単位 × {count}人 = {units:,}単位",
                addition.source.text,
                addition.source.unverified,
            )
        )
    meeting, meeting_notes, meeting_complete = meeting_lines(office.meetings, rules)
    lines.extend(meeting)
    notes.extend(meeting_notes)
    complete = complete and meeting_complete
    for addition_id, grade_id in sorted(office.rate_additions.items()):
        rated = next((a for a in rules.rate_additions if a.id == addition_id), None)
        if rated is None:
            notes.append(f"加算 {addition_id} は{rules.id}に収録なし(未確認) — 計算に含めない")
            complete = False
            continue
        lines.append(_rate_line(rated, grade_id, lines))
    total = None
    if base.units is not None:
        total = sum(line.units for line in lines if line.units is not None)
        complete = complete and all(line.units is not None for line in lines)
    yen, yen_reason = _yen(
        None if total is None or per_user is None else person_units(per_user, office, lines),
        office.area_grade,
        rules,
    )
    return RewardEstimate(
        rules.id,
        rules.title,
        office.users,
        base,
        tuple(lines),
        total,
        complete,
        yen,
        yen_reason,
        tuple(notes),
    )


def _rate_line(rated: RateAddition, grade_id: str, lines: list[RewardLine]) -> RewardLine:
    """The month's units so far × the grade's rate, rounded half up; no units when the rate
    is not known (UNVERIFIED)."""
    grade = rated.grade(grade_id)
    month = sum(line.units for line in lines if line.units is not None)
    source = f"{rated.source.text} {grade.source.text}"
    unverified = rated.source.unverified or grade.source.unverified
    if grade.rate is None:
        return RewardLine(
            rated.id,
            f"{rated.name}({grade.label})",
            None,
            1,
            None,
            "加算率が未確認(UNVERIFIED)のため単位数を示さない",
            source,
            True,
        )
    units = round_half_up(month * grade.rate)
    return RewardLine(
        rated.id,
        f"{rated.name}({grade.label})",
        units,
        1,
        units,
        f"{month:,}単位 × {float(grade.rate):.1%} = {units:,}単位(四捨五入)",
        source,
        unverified,
    )


def person_units(per_user: int, office: OfficeMonth, lines: list[RewardLine]) -> list[int]:
    """Each user's units: the (reduced) base, and every addition line's units spread over the
    users in order — the first `count` users get it. Which user an addition counted by number
    belongs to is not known; this only moves where a yen is floored (less than 1 yen a person).

    >>> office = OfficeMonth(users=3, rate=None)
    >>> line = RewardLine("special_area", "特別地域加算", 240, 2, 480, "", "", False)
    >>> person_units(1000, office, [line])
    [1240, 1240, 1000]
    """
    units = [per_user] * max(office.users, 0)
    for line in lines:
        # The base is per_user; a reduction (negative) is already in it.
        if line.item == "base" or line.units_each is None or line.units_each <= 0:
            continue
        for index in range(min(line.count, len(units))):
            units[index] += line.units_each
        for _ in range(line.count - len(units)):  # more claims than users: keep the total
            units.append(line.units_each)
    return units


def _reduction_month(
    reduction: Reduction, month: int, office: OfficeMonth, notes: list[str]
) -> tuple[int, str]:
    """The month of the reduction (below 1: not yet reduced) and how it was counted."""
    given = office.reduction_starts.get(reduction.id)
    start = reduction.start(given)
    if start is None:
        return month, ""
    if given is None:
        notes.append(
            f"{reduction.name}: 状況の区分が指定されていないため「{start.label}」とみなした"
            f"(区分: {'、'.join(s.id for s in reduction.starts)})。 / The kind was not given; "
            f"the default ({start.id}) is assumed."
        )
    applied = month - start.after_months
    after = "翌月" if start.after_months == 1 else f"{start.after_months}か月後の月"
    if applied < 1:
        notes.append(
            f"{reduction.name}: {start.label}は始まった月の{after}から減算 — "
            f"{month}か月目の当月は減算なし / not reduced yet in month {month}"
        )
    return applied, f"、{start.label}の{month}か月目: {after}から"


def _yen(
    persons: list[int] | None, grade_name: str | None, rules: RuleSet
) -> tuple[int | None, str]:
    """Yen as billing computes it: each person's units × the unit price, floored per person."""
    if persons is None:
        return None, "単位数が不明のため金額も示さない / no units, so no yen"
    if grade_name is None:
        return None, "地域区分が指定されていない: 単位数のみ示す / no 地域区分 given: units only"
    grade = rules.area_grade(grade_name)
    if grade is None or grade.yen_per_unit is None:
        known = "、".join(g.name for g in rules.area_grades if g.yen_per_unit is not None) or "なし"
        share = rules.staff_share_source.text if rules.staff_share_source else ""
        return None, (
            f"地域区分「{grade_name}」の1単位の単価は未確認(UNVERIFIED)のため単位数のみ示す"
            f"(単価のある区分: {known})。{share} 管理者は規則セットの上書きファイルで"
            f"人件費割合(area_grades.staff_share)を与えられる。 / "
            f"the price for {grade_name} is UNVERIFIED (this service's staff-cost share is not "
            "known): units only"
        )
    price = grade.yen_per_unit
    yen = sum(math.floor(units * price) for units in persons)
    how = f"{float(price):g}円({grade.name})"
    if grade.uplift is not None and rules.staff_share is not None:
        how += (
            f" = 10円 ×(1 + 上乗せ{float(grade.uplift):.0%} × 人件費割合"
            f"{float(rules.staff_share):.0%})"
        )
    return yen, (
        f"利用者ごとに 単位数 × {how}、1人ずつ円未満切り捨てて合計({len(persons)}人) / "
        "units × price per person, floored per person"
    )
