"""RECORDS files: one row per employment episode, strictly checked.

Columns (any order, extra columns allowed; Japanese headers accepted):
`person_id, service_start, service_end, hired_on, left_on`. A blank `service_end` or
`left_on` means ongoing; `left_on` = 不明 / unknown / ? means the office does not know whether
or when that job ended. `hired_on` = なし / none (with `left_on` blank) is a person in service
with no employment recorded: the only row of that person, counted as undetermined by the rate
(no job at the service start). Dates may be ISO or 和暦. Files may be UTF-8, UTF-8 with BOM or
CP932.

Optional per-person columns (the same value on every row of a person; blank = no):
`special_area` (lives in a 特別地域: はい/いいえ, 1/0, true/false), `continued_support`
(要継続支援 after the end), `copay_cap` (the office manages the co-payment cap) and
`months_without_report` (months of service with no 支援レポート shared: `2025-04 2025-06`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from teichaku.retention.billing import NO_FLAGS, PersonFlags
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
FLAG_COLUMNS = ("special_area", "continued_support", "copay_cap")
MONTHS_COLUMN = "months_without_report"
OPTIONAL = (*FLAG_COLUMNS, MONTHS_COLUMN)
YES = {"はい", "1", "TRUE", "YES", "○", "Y"}
NO = {"いいえ", "0", "FALSE", "NO", "×", "N", ""}
ALIASES = {
    "特別地域": "special_area",
    "特別地域居住": "special_area",
    "要継続支援": "continued_support",
    "上限額管理": "copay_cap",
    "支援レポート未共有月": "months_without_report",
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
    flags: dict[str, PersonFlags] = field(default_factory=dict)
    has_flags: bool = False  # the file had the per-person columns


def write_records(people: Iterable[Person], flags: Mapping[str, PersonFlags] | None = None) -> str:
    """People as a RECORDS file that `parse_records` reads back to the same people: one row per
    employment, `なし` for a person with none, `不明` for an end the office does not know.
    With `flags`, the per-person columns are written too (every person, blank = no)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS if flags is None else (*COLUMNS, *OPTIONAL))
    for person in people:
        service = [person.person_id, person.service_start.isoformat(), _iso(person.service_end)]
        service_tail: list[str] = []
        if flags is not None:
            mark = flags.get(person.person_id, NO_FLAGS)
            marks = (mark.special_area, mark.continued_support, mark.copay_cap)
            service_tail = [*("はい" if value else "" for value in marks)]
            service_tail.append(" ".join(f"{m:%Y-%m}" for m in sorted(mark.months_without_report)))
        if not person.employments:
            writer.writerow([*service, NONE_WORD, "", *service_tail])
        for job in person.employments:
            left = UNKNOWN_WORD if job.end_unknown else _iso(job.left_on)
            writer.writerow([*service, job.hired_on.isoformat(), left, *service_tail])
    return out.getvalue()


def _flags_of(
    cells: list[str], index: dict[str, int], line: int, problems: list[str]
) -> PersonFlags | None:
    """The row's per-person columns; None (with problems) when a value cannot be read."""

    def cell(column: str) -> str:
        position = index.get(column)
        return "" if position is None or position >= len(cells) else cells[position].strip()

    def fail(column: str, value: str, accepted: str) -> None:
        problems.append(f"{line}行目 / row {line}, 列 / column {column}: {value!r} — {accepted}")

    before = len(problems)
    values: list[bool] = []
    for column in FLAG_COLUMNS:
        text = normalise(cell(column)).upper()
        if text not in YES | NO:
            fail(column, cell(column), "はい/いいえ、1/0、true/false または空欄 / yes or no")
        values.append(text in YES)
    months: set[date] = set()
    raw = cell(MONTHS_COLUMN)
    for word in normalise(raw).replace(";", " ").replace("、", " ").replace(",", " ").split():
        try:
            months.add(date.fromisoformat(f"{word}-01"))
        except ValueError:
            fail(MONTHS_COLUMN, word, "年月 YYYY-MM を空白区切りで / months as YYYY-MM")
    if len(problems) > before:
        return None
    return PersonFlags(values[0], values[1], values[2], frozenset(months))


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
    index, extra, optional = _columns(header, origin)
    flags: dict[str, PersonFlags] = {}
    flag_lines: dict[str, int] = {}
    rows: list[EpisodeRow] = []
    problems: list[str] = []
    making = _Rows(index, problems, record_range(today or date.today()))
    jobless: list[EpisodeRow] = []
    count = 0
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        count += 1
        if optional:
            person_id = cells[index["person_id"]].strip() if len(cells) > index["person_id"] else ""
            mark = _flags_of(cells, optional, line, problems)
            if person_id and mark is not None:
                if person_id in flags and flags[person_id] != mark:
                    problems.append(
                        f"{line}行目 / row {line}: person_id {person_id!r} の特別地域・要継続支援・"
                        f"上限額管理・未共有月が{flag_lines[person_id]}行目と違う / the per-person "
                        f"columns differ from row {flag_lines[person_id]}"
                    )
                flags.setdefault(person_id, mark)
                flag_lines.setdefault(person_id, line)
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
    return Records(people, count, encoding, extra, flags, bool(optional))


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


def _columns(
    header: list[str], origin: str
) -> tuple[dict[str, int], tuple[str, ...], dict[str, int]]:
    index: dict[str, int] = {}
    optional: dict[str, int] = {}
    extra: list[str] = []
    for position, name in enumerate(header):
        key = normalise(name).lower()
        key = ALIASES.get(key, key)
        if key in COLUMNS and key not in index:
            index[key] = position
        elif key in OPTIONAL and key not in optional:
            optional[key] = position
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
    return index, tuple(extra), optional


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
