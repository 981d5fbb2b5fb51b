"""The input of the 就労定着率: each person's service period and employment episodes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Employment:
    """One job. `left_on` is the last day employed (None: still employed).

    `end_unknown` says the office does not know whether or when this job ended.
    """

    hired_on: date
    left_on: date | None = None
    end_unknown: bool = False


@dataclass(frozen=True)
class Person:
    """A user of the office's 就労定着支援 with every job recorded for them."""

    person_id: str
    service_start: date
    service_end: date | None
    employments: tuple[Employment, ...]


@dataclass(frozen=True)
class EpisodeRow:
    """One row of RECORDS: a person's service period repeated on each of their jobs."""

    person_id: str
    service_start: date
    service_end: date | None
    employment: Employment
    line: int = 0


class PeopleError(ValueError):
    """Rows of one person that contradict each other."""


def people_from_rows(rows: Iterable[EpisodeRow], origin: str = "") -> list[Person]:
    """Group episode rows by person once (a dict, so O(n)); the service period must agree."""
    grouped: dict[str, tuple[EpisodeRow, list[Employment]]] = {}
    for row in rows:
        entry = grouped.get(row.person_id)
        if entry is None:
            grouped[row.person_id] = (row, [row.employment])
            continue
        first, jobs = entry
        for column, value, expected in (
            ("service_start", row.service_start, first.service_start),
            ("service_end", row.service_end, first.service_end),
        ):
            if value != expected:
                where = f"{origin}: " if origin else ""
                raise PeopleError(
                    f"{where}{row.line}行目 / row {row.line}, 列 / column {column}: "
                    f"{_show(value)} — 同じ person_id {row.person_id!r} の{first.line}行目は "
                    f"{_show(expected)} / must equal row {first.line} of the same person"
                )
        jobs.append(row.employment)
    return [
        Person(pid, first.service_start, first.service_end, tuple(jobs))
        for pid, (first, jobs) in grouped.items()
    ]


def _show(value: date | None) -> str:
    return "(空欄 / blank)" if value is None else value.isoformat()
