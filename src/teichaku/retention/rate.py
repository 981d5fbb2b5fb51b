"""The 就労定着率 of one office for the fiscal year whose reward is being set.

Interpretation implemented (stated in every result, see docs/retention-rules.md):
the reward for fiscal year FY (April FY - March FY+1) uses the window of the fiscal years
FY-3 .. FY-1, i.e. April 1 of FY-3 to March 31 of FY, and the status date March 31 of FY
(the end of the previous fiscal year).

>>> from datetime import date
>>> from teichaku.retention.people import Employment, Person
>>> p = Person("a", date(2023, 10, 1), None, (Employment(date(2023, 4, 1)),))
>>> retention_rate([p], 2025).rate
Fraction(1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from teichaku.retention.dates import both, wareki_fiscal_year
from teichaku.retention.loader import rule_set_for_fiscal_year
from teichaku.retention.outcome import Code, PersonOutcome
from teichaku.retention.people import Person
from teichaku.retention.retained import judge
from teichaku.retention.reward import RateInput
from teichaku.retention.rules import RuleSet
from teichaku.textform import normal_form

INTERPRETATION = (
    "{fy}の報酬は、{first}年4月1日から{last}年3月31日まで({first}〜{prev}年度の3年度)に"
    "サービス期間が重なる利用者を対象とし、{last}年3月31日(前年度末)時点の就労状況で判定する。 / "
    "The reward for FY{year} counts people whose service overlaps {first}-04-01..{last}-03-31 "
    "and judges their employment on {last}-03-31, the end of the previous fiscal year."
)
NEW_OFFICE = (
    "新規指定事業所(指定日 {day})は3年度分の実績がない。初年度等の評価方法は未確認(UNVERIFIED)"
    "のため、窓内の利用者だけで算出した値を示す。 / A newly designated office: how it is rated "
    "in its first years is UNVERIFIED; the figure uses only the people in the window."
)
EMPTY = (
    "算定対象の利用者がいないため就労定着率は算出できない。新規指定事業所の扱いは未確認(UNVERIFIED)。"
    " / No one is counted, so there is no rate; the rule for new offices is UNVERIFIED."
)
ALTERNATIVE = (
    "{fy}の報酬は特例の対象期間を用いる: {first}年4月1日から{last}年3月31日まで"
    "({first}〜{prev}年度)にサービス期間が重なる利用者を対象とし、{last}年3月31日時点の"
    "就労状況で判定する(UNVERIFIED: {source})。"
    " / The reward for FY{year} uses the alternative window {first}-04-01..{last}-03-31, judged "
    "on {last}-03-31."
)
UNDETERMINED = (
    "{n}名は前年度末時点の状況が判定できないため、率は範囲({low}〜{high})で示し、1つの値は示さない。"
    " / {n} people cannot be judged; the rate is given as a range, not guessed."
)


class RateFormatError(ValueError):
    """A text that is not a 就労定着率; the message says what is accepted."""


def parse_rate(text: str) -> Fraction:
    """0.85, 85%, 17/20 — full-width (８５％, ０．８５) read as half-width, as dates are."""
    value = normal_form(text).replace(" ", "")
    accepted = "0.85、85%、17/20、８５％"
    try:
        rate = Fraction(value[:-1]) / 100 if value.endswith("%") else Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise RateFormatError(
            f"{text!r} は就労定着率として読めません / not a rate; accepted: {accepted}"
        ) from None
    if not 0 <= rate <= 1:
        raise RateFormatError(
            f"{text!r}: 0〜1(0%〜100%)の範囲で / between 0 and 1; accepted: {accepted}"
        )
    return rate


@dataclass(frozen=True)
class RetentionRate:
    """The rate with its working: the window, each person's outcome and the open points.

    `rate` is None when it cannot be told (no one counted, or someone undetermined);
    `rate_low` and `rate_high` then bound it when anyone is counted.
    """

    fiscal_year: int
    window_from: date
    window_to: date
    status_date: date
    rule_set: str
    denominator: int
    numerator: int
    undetermined: int
    rate: Fraction | None
    rate_low: Fraction | None
    rate_high: Fraction | None
    people: tuple[PersonOutcome, ...]
    interpretation: str
    notes: tuple[str, ...]


def fiscal_window(fiscal_year: int, years: int = 3) -> tuple[date, date]:
    """April 1 of FY-years to March 31 of FY: the fiscal years FY-years .. FY-1."""
    return date(fiscal_year - years, 4, 1), date(fiscal_year, 3, 31)


def retention_rate(
    people: Iterable[Person],
    fiscal_year: int,
    rules: RuleSet | None = None,
    *,
    designated_on: date | None = None,
    alternative_window: bool = False,
) -> RetentionRate:
    """就労定着率 for the reward of `fiscal_year` (FY2025 = April 2025 - March 2026).

    `alternative_window` uses the rule set's alternative window for that fiscal year (FY2021:
    FY2018-FY2019, the COVID option); ValueError when the rule set has none for it.
    """
    rules = rules or rule_set_for_fiscal_year(fiscal_year)
    years = rules.retention.window_fiscal_years
    start, end = fiscal_window(fiscal_year, years)
    other = rules.retention.alternative_window
    if alternative_window:
        if other is None or other.fiscal_year != fiscal_year:
            offered = "なし / none" if other is None else f"{other.fiscal_year}年度"
            raise ValueError(
                f"{rules.id}: {fiscal_year}年度に特例の対象期間はない / no alternative window "
                f"for FY{fiscal_year} (あるもの / offered: {offered})"
            )
        start, end = date(other.from_fiscal_year, 4, 1), date(other.to_fiscal_year + 1, 3, 31)
    outcomes = sorted(
        (outcome_of(person, start, end, rules) for person in people),
        key=lambda outcome: outcome.person_id,
    )
    counted = [o for o in outcomes if o.counted]
    retained = sum(1 for o in counted if o.retained)
    unknown = sum(1 for o in counted if o.undetermined)
    notes: list[str] = list(rules.notes)
    if designated_on is not None and designated_on > start:
        notes.append(NEW_OFFICE.format(day=both(designated_on)))
    low = high = exact = None
    if counted:
        low = Fraction(retained, len(counted))
        high = Fraction(retained + unknown, len(counted))
        exact = low if unknown == 0 else None
        if unknown:
            notes.append(UNDETERMINED.format(n=unknown, low=_pct(low), high=_pct(high)))
    else:
        notes.append(EMPTY)
    if rules.retention.source.unverified:
        notes.append(f"就労定着率の規則は未確認(UNVERIFIED): {rules.retention.source.text}")
    interpretation = (ALTERNATIVE if alternative_window else INTERPRETATION).format(
        fy=wareki_fiscal_year(fiscal_year),
        year=fiscal_year,
        first=start.year,
        prev=end.year - 1,
        last=end.year,
        source=other.source.text if other is not None else "",
    )
    return RetentionRate(
        fiscal_year=fiscal_year,
        window_from=start,
        window_to=end,
        status_date=end,
        rule_set=rules.id,
        denominator=len(counted),
        numerator=retained,
        undetermined=unknown,
        rate=exact,
        rate_low=low,
        rate_high=high,
        people=tuple(outcomes),
        interpretation=interpretation,
        notes=tuple(notes),
    )


def outcome_of(person: Person, start: date, end: date, rules: RuleSet) -> PersonOutcome:
    """Rule A (who is counted), then rules B and C (who is retained) for one person."""
    pid = person.person_id
    if person.service_start > end:
        return PersonOutcome(
            pid,
            Code.OUTSIDE_STARTED_AFTER,
            f"算定対象外: 利用開始 {both(person.service_start)} が期間末 {end.isoformat()} より後"
            " — 規則A「過去3年間の利用者を算定対象とする」",
            f"not counted: service started after {end.isoformat()} (rule A, 3-year window)",
        )
    if person.service_end is not None and person.service_end < start:
        return PersonOutcome(
            pid,
            Code.OUTSIDE_ENDED_BEFORE,
            f"算定対象外: 利用終了 {both(person.service_end)} が期間初日 {start.isoformat()} より前"
            " — 規則A「過去3年間の利用者を算定対象とする」",
            f"not counted: service ended before {start.isoformat()} (rule A, 3-year window)",
        )
    return judge(person, end, rules.retention)


def _pct(value: Fraction) -> str:
    return percent_text(value)


def percent_text(value: Fraction | float | None) -> str:
    """85.0% (one decimal); — when there is no value."""
    return "—" if value is None else f"{float(value) * 100:.1f}%"


def rate_input(result: RetentionRate) -> RateInput:
    """The rate as the reward's input: exact, the (low, high) range, or None when unknown."""
    if result.rate_low is None or result.rate_high is None:
        return None
    return (result.rate_low, result.rate_high)


def rate_text(result: RetentionRate, *, range_word: str = "範囲", none: str = "算出不可") -> str:
    """The rate as people read it: 85.0%, 範囲 80.0%〜90.0% (someone undetermined) or 算出不可
    (no one counted). The words are parameters so a page can pass them translated."""
    if result.rate is not None:
        return percent_text(result.rate)
    if result.rate_low is not None and result.rate_high is not None:
        return f"{range_word} {percent_text(result.rate_low)}〜{percent_text(result.rate_high)}"
    return none
