"""Dates as Japanese offices write them: ISO, slashes, and 和暦 (令和6年4月1日, R6.4.1).

>>> parse_date("R6.4.1")
datetime.date(2024, 4, 1)
>>> wareki(parse_date("2019-05-01"))
'令和元年5月1日'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from teichaku.textform import normal_form

ACCEPTED = "2024-04-01, 2024/4/1, 20240401, 令和6年4月1日, 令和元年5月1日, R6.4.1, H30.4.1"


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    first_day: date
    last_day: date | None

    def year_of(self, day: date) -> int:
        return day.year - self.first_day.year + 1


ERAS = (
    Era("令和", "R", date(2019, 5, 1), None),
    Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
    Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
)
_ERA_BY_KEY = {key: era for era in ERAS for key in (era.name, era.name[0], era.letter)}

_WAREKI = re.compile(
    r"^(?P<era>令和|平成|昭和|令|平|昭|R|H|S)\s*(?P<year>元|\d{1,2})\s*[年.\-/]\s*"
    r"(?P<month>\d{1,2})\s*[月.\-/]\s*(?P<day>\d{1,2})\s*日?$"
)
_WESTERN = re.compile(
    r"^(?P<year>\d{4})\s*[年.\-/]\s*(?P<month>\d{1,2})\s*[月.\-/]\s*(?P<day>\d{1,2})\s*日?$"
)
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")


class DateFormatError(ValueError):
    """A text that is not a date in any accepted form; the message says what is accepted."""


def normalise(text: str) -> str:
    """`normal_form` (full-width digits and letters to ASCII …), upper case."""
    return normal_form(text).upper()


def parse_date(text: str) -> date:
    """Read an ISO, slashed, compact or 和暦 date; raise DateFormatError otherwise."""
    if len(text) == 10:  # the common case, without normalising
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    value = normalise(text)
    found = _WESTERN.match(value) or _COMPACT.match(value)
    if found:
        return _make(text, int(found["year"]), int(found["month"]), int(found["day"]))
    found = _WAREKI.match(value)
    if not found:
        raise DateFormatError(f"{text!r} は日付として読めません / not a date; accepted: {ACCEPTED}")
    era = _ERA_BY_KEY[found["era"]]
    era_year = 1 if found["year"] == "元" else int(found["year"])
    if era_year < 1:
        raise DateFormatError(f"{text!r}: 元号の年は1以上 / era year must be 1 or more")
    day = _make(text, era.first_day.year + era_year - 1, int(found["month"]), int(found["day"]))
    if day < era.first_day or (era.last_day is not None and day > era.last_day):
        raise DateFormatError(
            f"{text!r} は{era.name}の期間外です ({wareki(day)}) / outside the {era.name} era"
        )
    return day


def _make(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DateFormatError(f"{text!r} はありえない日付です / no such day: {error}") from None


def era_of(day: date) -> Era:
    for era in ERAS:
        if day >= era.first_day:
            return era
    raise ValueError(f"{day.isoformat()} は昭和より前です / before 昭和: no 和暦 form")


def wareki(day: date) -> str:
    """令和6年4月1日; 元年 for the first year of an era."""
    era = era_of(day)
    year = era.year_of(day)
    return f"{era.name}{'元' if year == 1 else year}年{day.month}月{day.day}日"


def wareki_fiscal_year(fiscal_year: int) -> str:
    """2025 → 令和7年度. An era that begins during the year names it (2019 → 令和元年度),
    as the government writes it."""
    era = era_of(date(fiscal_year + 1, 3, 31))
    year = fiscal_year - era.first_day.year + 1
    if year < 1:
        era = era_of(date(fiscal_year, 4, 1))
        year = fiscal_year - era.first_day.year + 1
    return f"{era.name}{'元' if year == 1 else year}年度"


@lru_cache(maxsize=8192)  # the same days recur across thousands of people
def both(day: date) -> str:
    """2024-04-01(令和6年4月1日); a day before 昭和 has no 和暦 form and is shown as ISO only."""
    if day < ERAS[-1].first_day:
        return day.isoformat()
    return f"{day.isoformat()}({wareki(day)})"


EARLIEST_RECORD = date(1989, 1, 8)  # 平成元年1月8日: no office record of this service is older
YEARS_AHEAD = 10


@dataclass(frozen=True)
class DayRange:
    """The days a date field of an office's records may hold (both ends included)."""

    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    @property
    def text(self) -> str:
        return f"{self.first.isoformat()}〜{self.last.isoformat()}"


def record_range(today: date, *, happened: bool = False) -> DayRange:
    """The sane range of a date in an office's records, the one rule for forms and importers.

    Every date (service start and end, hire and leave, designation …) lies from 1989-01-08
    (平成元年) to today + 10 years; a day on which something has happened (a contact, a
    meeting, a consent, a disclosure) lies from 1989-01-08 to today. A typo such as 0024-04-01
    or 9999-12-31 falls outside.

    >>> date(24, 4, 1) in record_range(date(2025, 5, 1))
    False
    >>> record_range(date(2024, 2, 29)).text
    '1989-01-08〜2034-02-28'
    """
    if happened:
        return DayRange(EARLIEST_RECORD, today)
    year = today.year + YEARS_AHEAD
    last = today.replace(year=year, day=min(today.day, calendar.monthrange(year, today.month)[1]))
    return DayRange(EARLIEST_RECORD, last)


_FISCAL = re.compile(r"^(?:FY)?\s*(?P<year>\d{4})\s*(?:年度)?$")
_FISCAL_WAREKI = re.compile(r"^(?P<era>令和|平成|令|平|R|H)\s*(?P<year>元|\d{1,2})\s*(?:年度)?$")


def parse_fiscal_year(text: str) -> int:
    """FY2025, 2025, 2025年度, 令和7年度, R7 → 2025 (the year in which the fiscal year starts)."""
    value = normalise(text)
    found = _FISCAL.match(value)
    if found:
        return int(found["year"])
    found = _FISCAL_WAREKI.match(value)
    if found:
        era = _ERA_BY_KEY[found["era"]]
        era_year = 1 if found["year"] == "元" else int(found["year"])
        return era.first_day.year + era_year - 1
    raise DateFormatError(
        f"{text!r} は年度として読めません / not a fiscal year; "
        "accepted: FY2025, 2025, 令和7年度, R7"
    )
