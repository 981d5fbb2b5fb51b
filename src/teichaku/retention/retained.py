"""Rules B and C: is a counted person 就労定着者 on the status date?

Employment must run without a break from the service start to the status date, except at
most `reemployment_exceptions` breaks (one) after which the person was hired again within
`reemployment_within_months` (one) month: the next hire on or before the same day of the
following month as the last day employed (the month's last day when it has no such day).
A break covered by the exception counts as employment, also when the status date falls inside it.
The exception covers only a break that begins during the service period (the day after the last
day employed is on or before the service's last day; 2018-12-17 Q&A 「利用中1回限り」). Jobs that
ended before the service start are ignored, so a person is judged alike whether or not their old
job is recorded: employment must be recorded on the service start day.
"""

from __future__ import annotations

from datetime import date, timedelta

from teichaku.retention.dates import both
from teichaku.retention.outcome import RULE_EXCEPTION, RULE_RETAINED, Code, PersonOutcome
from teichaku.retention.people import Employment, Person
from teichaku.retention.periods import add_months
from teichaku.retention.rules import RetentionRule

ONE_DAY = timedelta(days=1)


def spells(jobs: tuple[Employment, ...]) -> list[tuple[date, date | None]]:
    """Jobs merged into spells of continuous employment (back to back or overlapping)."""
    merged: list[tuple[date, date | None]] = []
    for job in sorted(jobs, key=lambda j: j.hired_on):
        if merged:
            first, last = merged[-1]
            if last is None or job.hired_on <= last + ONE_DAY:
                later = None if last is None or job.left_on is None else max(last, job.left_on)
                merged[-1] = (first, later)
                continue
        merged.append((job.hired_on, job.left_on))
    return merged


def judge(person: Person, status_date: date, rule: RetentionRule) -> PersonOutcome:
    pid = person.person_id
    counted = _counted_text(person, status_date)
    unknown = [
        j.hired_on for j in person.employments if j.end_unknown and j.hired_on <= status_date
    ]
    if unknown:
        return PersonOutcome(
            pid,
            Code.STATUS_UNKNOWN,
            f"{counted}。{both(min(unknown))}就職の仕事の離職の有無・時期が不明のため、"
            f"{RULE_RETAINED}で判定できない",
            "counted; whether or when a job ended is unknown, so retention cannot be judged",
        )
    known = tuple(j for j in person.employments if not j.end_unknown)
    begin = person.service_start
    runs = [run for run in spells(known) if run[1] is None or run[1] >= begin]
    if not runs or runs[0][0] > begin:
        return PersonOutcome(
            pid,
            Code.NO_JOB_AT_START,
            f"{counted}。利用開始日 {both(begin)} を含む雇用の記録がないため、"
            f"{RULE_RETAINED}で判定できない",
            "counted; no job is recorded on the service start day, so retention cannot be judged",
        )
    used: list[tuple[date, date]] = []
    for index, (_, last) in enumerate(runs):
        if last is None:
            break
        if last >= status_date:
            break
        deadline = add_months(last, rule.reemployment_within_months)
        left = f"{both(last)}に離職"
        during = person.service_end is None or last < person.service_end
        if index + 1 == len(runs):
            if during and status_date < deadline and len(used) < rule.reemployment_exceptions:
                return PersonOutcome(
                    pid,
                    Code.REEMPLOYMENT_PENDING,
                    f"{counted}。{left}、再就職の期限 {both(deadline)} が前年度末より後で、"
                    f"再就職の記録がないため{RULE_EXCEPTION}の適用を判定できない",
                    "counted; left within a month of the status date and no new job is recorded: "
                    "the job-change exception cannot be judged",
                )
            return PersonOutcome(
                pid,
                Code.LEFT_NO_NEW_JOB,
                f"{counted}。{left}し、前年度末 {both(status_date)} までに再就職していない — "
                f"{RULE_RETAINED}を満たさない",
                f"counted, not retained: left on {last.isoformat()} with no new job (rule B)",
            )
        rehired = runs[index + 1][0]
        if rehired > deadline:
            return PersonOutcome(
                pid,
                Code.REEMPLOYED_LATE,
                f"{counted}。{left}、再就職は{both(rehired)}で期限 {both(deadline)} を過ぎている — "
                f"{RULE_EXCEPTION}に当たらず、{RULE_RETAINED}を満たさない",
                f"counted, not retained: re-employed on {rehired.isoformat()}, later than "
                f"one month after leaving (rule C does not apply)",
            )
        if not during:
            return _after_service(person, counted, left, rehired)
        if len(used) >= rule.reemployment_exceptions:
            spent = f"{both(used[-1][1])}の再就職で使用済み" if used else "認められていない"
            return PersonOutcome(
                pid,
                Code.SECOND_BREAK,
                f"{counted}。{left}し{both(rehired)}に再就職したが、例外は{spent} — "
                f"{RULE_EXCEPTION}は利用期間中{rule.reemployment_exceptions}回まで",
                f"counted, not retained: a second job change; the exception (rule C) is allowed "
                f"{rule.reemployment_exceptions} time(s)",
            )
        used.append((last, rehired))
    if used:
        left_on, rehired = used[0]
        return PersonOutcome(
            pid,
            Code.RETAINED_REEMPLOYED,
            f"{counted}。{both(left_on)}に離職し{both(rehired)}に再就職(1か月以内、1回目) — "
            f"{RULE_EXCEPTION}により、{RULE_RETAINED}を満たす",
            f"counted, retained: re-employed on {rehired.isoformat()} within one month of "
            "leaving, the one allowed job change (rules B and C)",
        )
    return PersonOutcome(
        pid,
        Code.RETAINED_CONTINUOUS,
        f"{counted}。利用開始から前年度末 {both(status_date)} まで継続して就労 — "
        f"{RULE_RETAINED}を満たす",
        "counted, retained: employed without a break from the service start to the status "
        "date (rule B)",
    )


def _after_service(person: Person, counted: str, left: str, rehired: date) -> PersonOutcome:
    end = person.service_end
    assert end is not None  # a break can only follow a service that ended
    return PersonOutcome(
        person.person_id,
        Code.BREAK_AFTER_SERVICE,
        f"{counted}。{left}(利用終了 {both(end)} の後)し{both(rehired)}に再就職 — "
        f"{RULE_EXCEPTION}は利用期間中の転職に限り、利用終了後の途切れには当たらないため、"
        f"{RULE_RETAINED}を満たさない",
        f"counted, not retained: the break began after the service ended on {end.isoformat()}; "
        "the job-change exception (rule C) covers a break during the service only",
    )


def _counted_text(person: Person, status_date: date) -> str:
    text = f"算定対象: 利用期間({person.service_start.isoformat()}〜"
    end = person.service_end
    if end is None:
        text += "利用中)"
    elif end <= status_date:
        text += f"{end.isoformat()}、期間内に終了)"
    else:
        text += f"{end.isoformat()})"
    return text + "が過去3年間と重なる — 規則A"
