"""RECORDS files: one row per employment episode, strictly checked.

Columns (any order, extra columns allowed; Japanese headers accepted):
`person_id, service_start, service_end, hired_on, left_on`. A blank `service_end` or
`left_on` means ongoing; `left_on` = 不明 / unknown / ? means the office does not know whether
or when that job ended. `hired_on` = なし / none (with `left_on` blank) is a person in service
with no employment recorded: the only row of that person, counted as undetermined by the rate
(no job at the service start). Dates may be ISO or 和暦. Files may be UTF-8, UTF-8 with BOM or
CP932.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from teichaku.retention.dates import (
    ACCEPTED,
    DateFormatError,
    DayRange,
    normalise,
    parse_date,
    record_range,
)
from teichaku.retention.people import (
    Employment,
    EpisodeRow,
    PeopleError,
    Person,
    people_from_rows,
)
from teichaku.textfiles import decode

COLUMNS = ("person_id", "service_start", "service_end", "hired_on", "left_on")
ALIASES = {
    "利用者id": "person_id",
    "利用者番号": "person_id",
    "サービス開始日": "service_start",
    "利用開始日": "service_start",
    "サービス終了日": "service_end",
    "利用終了日": "service_end",
    "就職日": "hired_on",
    "入社日": "hired_on",
    "離職日": "left_on",
    "退職日": "left_on",
}
UNKNOWN_WORD = "不明"  # written in left_on: the office does not know whether the job ended
NONE_WORD = "なし"  # written in hired_on: a person in service with no employment recorded
UNKNOWN_END = {UNKNOWN_WORD, "UNKNOWN", "?"}
NO_EMPLOYMENT = {NONE_WORD, "NONE"}
MAX_SHOWN = 20


class RecordsError(ValueError):
    """Rows that cannot be used: every message names the row, the column and the value."""

    def __init__(self, origin: str, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:MAX_SHOWN]
        more = len(problems) - len(shown)
        tail = f"\n… ほか{more}件 / and {more} more" if more else ""
        super().__init__(f"{origin}: 読み込めません / refused:\n" + "\n".join(shown) + tail)


@dataclass(frozen=True)
class Records:
    people: list[Person]
    rows: int
    encoding: str
    extra_columns: tuple[str, ...]


def write_records(people: Iterable[Person]) -> str:
    """People as a RECORDS file that `parse_records` reads back to the same people: one row per
    employment, `なし` for a person with none, `不明` for an end the office does not know."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for person in people:
        service = [person.person_id, person.service_start.isoformat(), _iso(person.service_end)]
        if not person.employments:
            writer.writerow([*service, NONE_WORD, ""])
        for job in person.employments:
            left = UNKNOWN_WORD if job.end_unknown else _iso(job.left_on)
            writer.writerow([*service, job.hired_on.isoformat(), left])
    return out.getvalue()


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def read_records(path: Path, today: date | None = None) -> Records:
    text, encoding = decode(path.read_bytes(), str(path))
    return parse_records(text, str(path), encoding, today)


def parse_records(
    text: str, origin: str = "RECORDS", encoding: str = "utf-8", today: date | None = None
) -> Records:
    """Every date must lie in `record_range(today)` (today: the computer's date by default)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise RecordsError(origin, ["ファイルが空です / the file is empty"])
    index, extra = _columns(header, origin)
    rows: list[EpisodeRow] = []
    problems: list[str] = []
    making = _Rows(index, problems, record_range(today or date.today()))
    jobless: list[EpisodeRow] = []
    count = 0
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        row = making.row(cells, line)
        if row is not None:
            (jobless if making.jobless else rows).append(row)
    if jobless:
        _no_employment_alone(rows, jobless, problems)
    if problems:
        raise RecordsError(origin, problems)
    try:
        people = people_from_rows(rows, origin)
    except PeopleError as error:
        raise RecordsError(origin, [str(error)]) from None
    people.extend(Person(r.person_id, r.service_start, r.service_end, ()) for r in jobless)
    return Records(people, count, encoding, extra)


def _no_employment_alone(
    rows: list[EpisodeRow], jobless: list[EpisodeRow], problems: list[str]
) -> None:
    """A `hired_on` = なし row must be the person's only row."""
    first: dict[str, int] = {}
    for row in rows:
        first.setdefault(row.person_id, row.line)
    for row in jobless:
        other = first.get(row.person_id)
        if other is None:
            first[row.person_id] = row.line
            continue
        line = row.line
        problems.append(
            f"{line}行目 / row {line}, 列 / column hired_on: 'なし' — 同じ person_id "
            f"{row.person_id!r} の{other}行目があるため使えない / 'none' must be the person's "
            f"only row (row {other})"
        )


def _columns(header: list[str], origin: str) -> tuple[dict[str, int], tuple[str, ...]]:
    index: dict[str, int] = {}
    extra: list[str] = []
    for position, name in enumerate(header):
        key = normalise(name).lower()
        key = ALIASES.get(key, key)
        if key in COLUMNS and key not in index:
            index[key] = position
        else:
            extra.append(name)
    missing = [name for name in COLUMNS if name not in index]
    if missing:
        raise RecordsError(
            origin,
            [
                f"1行目(見出し) / header: 列がありません / missing columns: {', '.join(missing)}; "
                f"必要な列 / required: {', '.join(COLUMNS)}"
            ],
        )
    return index, tuple(extra)


class _Rows:
    """Turns cells into EpisodeRows; dates repeat a great deal, so each text is parsed once."""

    def __init__(self, index: dict[str, int], problems: list[str], sane: DayRange) -> None:
        self.sane = sane
        self.positions = tuple(index[column] for column in COLUMNS)
        self.width = max(self.positions) + 1
        self.problems = problems
        self.dates: dict[str, date | None] = {}
        self.line = 0
        self.jobless = False

    def fail(self, column: str, value: str, accepted: str) -> None:
        line = self.line
        self.problems.append(
            f"{line}行目 / row {line}, 列 / column {column}: {value!r} — {accepted}"
        )

    def day(self, column: str, value: str, required: bool) -> date | None:
        if not value:
            if required:
                self.fail(column, value, f"必須 / required; {ACCEPTED}")
            return None
        parsed = self.dates.get(value, _MISSING)
        if parsed is _MISSING:
            try:
                parsed = parse_date(value)
            except DateFormatError:
                parsed = None
            self.dates[value] = parsed
        if parsed is None:
            self.fail(column, value, f"日付 / a date: {ACCEPTED}")
        elif parsed not in self.sane:
            self.fail(column, value, f"{self.sane.text} の日付 / a date in that range")
            return None
        return parsed

    def row(self, cells: list[str], line: int) -> EpisodeRow | None:
        self.line = line
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        person_id, start_text, end_text, hired_text, left_text = (
            cells[position].strip() for position in self.positions
        )
        before = len(self.problems)
        if not person_id:
            self.fail("person_id", person_id, "必須 / required")
        start = self.day("service_start", start_text, True)
        end = self.day("service_end", end_text, False)
        self.jobless = bool(hired_text) and not hired_text[0].isdigit() and _no_job(hired_text)
        if self.jobless:
            if left_text:
                self.fail("left_on", left_text, "hired_on が なし の行は空欄 / blank when none")
            if start and end and end < start:
                self.fail("service_end", end_text, f"service_start {start} 以降 / on or after it")
            if len(self.problems) > before or start is None:
                return None
            # The employment is a placeholder: parse_records gives this person no job.
            return EpisodeRow(person_id, start, end, Employment(start), line)
        hired = self.day("hired_on", hired_text, True)
        unknown = bool(left_text) and not left_text[0].isdigit() and _is_unknown(left_text)
        left = None if unknown else self.day("left_on", left_text, False)
        if start and end and end < start:
            self.fail("service_end", end_text, f"service_start {start} 以降 / on or after it")
        if hired and left and left < hired:
            self.fail("left_on", left_text, f"hired_on {hired} 以降 / on or after it")
        if len(self.problems) > before or start is None or hired is None:
            return None
        return EpisodeRow(person_id, start, end, Employment(hired, left, unknown), line)


_MISSING = date.min


def _is_unknown(text: str) -> bool:
    return normalise(text) in UNKNOWN_END


def _no_job(text: str) -> bool:
    return normalise(text).upper() in NO_EMPLOYMENT
