"""The first draft of a monthly 支援レポート, written from the month's contacts.

Staff edit the draft before it is shared; the draft only gathers what was recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ContactLine:
    day: date
    channel: str
    with_whom: str
    face_to_face: bool
    minutes: int | None
    notes: str
    next_step: str


def draft_report(
    person_label: str,
    month: date,
    contacts: Sequence[ContactLine],
    plan_goals: Sequence[str] = (),
) -> str:
    """Plain text in Japanese: the goals of the 就労定着支援計画 in force (`plan_goals`, the
    lines of its goals), what was done, how often face to face, what comes next.

    >>> line = ContactLine(date(2024, 5, 9), "職場訪問", "本人・企業", True, 30, "作業量を調整", "")
    >>> print(draft_report("架空 花子", date(2024, 5, 1), [line]).splitlines()[0])
    架空 花子 様 2024年5月 支援レポート
    """
    ordered = sorted(contacts, key=lambda c: c.day)
    face = sum(1 for c in ordered if c.face_to_face)
    lines = [
        f"{person_label} 様 {month.year}年{month.month}月 支援レポート",
        "",
    ]
    goals = [goal.strip() for goal in plan_goals if goal.strip()]
    if goals:
        lines += ["■ 就労定着支援計画の目標", *(f"・{goal}" for goal in goals), ""]
    lines.append("■ 今月の支援")
    if not ordered:
        lines.append("・今月の支援の記録はありません。")
    for c in ordered:
        how = "対面" if c.face_to_face else "非対面"
        minutes = f"、{c.minutes}分" if c.minutes else ""
        text = f"・{c.day.month}月{c.day.day}日 {c.channel}({c.with_whom}、{how}{minutes})"
        if c.notes.strip():
            text += f": {c.notes.strip()}"
        lines.append(text)
    lines += ["", f"■ 対面での支援: {face}回(月1回以上が必要)"]
    steps = [c.next_step.strip() for c in ordered if c.next_step.strip()]
    lines += ["", "■ 次に向けて"]
    lines += [f"・{step}" for step in dict.fromkeys(steps)] or ["・(記入してください)"]
    return "\n".join(lines) + "\n"
