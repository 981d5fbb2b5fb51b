"""The first draft of a monthly 支援レポート, written from the month's records.

The report is handed to the person and to the employer, so the draft is in five sections
(`SECTIONS`: 就労状況, 生活面, 課題, 支援内容, 次月の予定) and carries only what may be shown
to them: the jobs of the month (employer, duties, weekly hours, since when) and the list of
the month's supports (day, method, with whom). It **never** copies a contact's internal notes
(`ContactLine.notes`, `ContactLine.next_step`) nor a compliance count (how many face-to-face
supports, minutes, what the rules require): those stay in the contact log and the
サービス提供実績記録票. Staff write 生活面, 課題 and 次月の予定 themselves before sharing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from teichaku.practice.months import month_end, month_of

# The report's sections in print order: (key, heading). The keys are the model's fields.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("work", "就労状況"),
    ("life", "生活面"),
    ("issues", "課題"),
    ("support", "支援内容"),
    ("next_month", "次月の予定"),
)
SECTION_KEYS = tuple(key for key, _ in SECTIONS)


@dataclass(frozen=True)
class ContactLine:
    """One contact of the log as the report and the 実績記録票 read it."""

    day: date
    channel: str
    with_whom: str
    face_to_face: bool
    minutes: int | None
    notes: str  # internal: never copied into a report
    next_step: str  # internal: never copied into a report


@dataclass(frozen=True)
class JobLine:
    """One employment episode as the report shows it."""

    employer: str
    job_title: str
    weekly_hours: Decimal | float | None
    hired_on: date
    left_on: date | None


@dataclass(frozen=True)
class ReportDraft:
    """The five sections' text, keyed as `SECTIONS`."""

    work: str
    life: str
    issues: str
    support: str
    next_month: str

    def sections(self) -> list[tuple[str, str, str]]:
        """(key, heading, text) in print order."""
        return [(key, title, getattr(self, key)) for key, title in SECTIONS]


def japanese_day(day: date) -> str:
    """2024年5月9日 (no zero padding), as written in a letter.

    >>> japanese_day(date(2024, 5, 9))
    '2024年5月9日'
    """
    return f"{day.year}年{day.month}月{day.day}日"


def _hours(value: Decimal | float) -> str:
    return f"{Decimal(str(value)).normalize():f}"  # 30.0 → 30, 17.5 → 17.5


def work_lines(month: date, jobs: Sequence[JobLine]) -> list[str]:
    """The jobs held at any time in the month, oldest first, with a leaving day in the month.

    >>> job = JobLine("架空商事", "事務補助", Decimal("30.0"), date(2024, 4, 1), None)
    >>> work_lines(date(2025, 5, 1), [job])
    ['・架空商事(事務補助)に2024年4月1日から勤務(週30時間)']
    """
    first, last = month_of(month), month_end(month)
    held = [j for j in jobs if j.hired_on <= last and (j.left_on is None or j.left_on >= first)]
    lines = []
    for job in sorted(held, key=lambda j: j.hired_on):
        duty = f"({job.job_title})" if job.job_title.strip() else ""
        text = f"・{job.employer}{duty}に{japanese_day(job.hired_on)}から勤務"
        if job.weekly_hours is not None:
            text += f"(週{_hours(job.weekly_hours)}時間)"
        if job.left_on is not None and job.left_on <= last:
            text += f"、{japanese_day(job.left_on)}に離職"
        lines.append(text)
    return lines or ["・この月に在職中の雇用の記録はありません。"]


def support_lines(month: date, contacts: Sequence[ContactLine]) -> list[str]:
    """The month's supports in day order: day, method and with whom — nothing else."""
    first, last = month_of(month), month_end(month)
    ordered = sorted((c for c in contacts if first <= c.day <= last), key=lambda c: c.day)
    lines = [f"・{c.day.month}月{c.day.day}日 {c.channel}({c.with_whom})" for c in ordered]
    return lines or ["・この月の支援の記録はありません。"]


def draft_report(
    month: date,
    contacts: Sequence[ContactLine],
    *,
    jobs: Sequence[JobLine] = (),
    goals: Sequence[str] = (),
) -> ReportDraft:
    """The draft's five sections; `goals` (the support plan's goals) open 課題.

    >>> line = ContactLine(date(2024, 5, 9), "職場訪問", "本人・企業", True, 30, "内部メモ", "")
    >>> draft = draft_report(date(2024, 5, 1), [line])
    >>> draft.support
    '・5月9日 職場訪問(本人・企業)'
    >>> "内部メモ" in "".join(text for _, _, text in draft.sections())
    False
    """
    issues = ["【計画の目標】", *(f"・{g.strip()}" for g in goals if g.strip())] if goals else []
    return ReportDraft(
        work="\n".join(work_lines(month, jobs)),
        life="",
        issues="\n".join(issues),
        support="\n".join(support_lines(month, contacts)),
        next_month="",
    )
