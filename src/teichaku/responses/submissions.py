"""Answers stored one respondent at a time (a web form's submissions) ↔ ResponseTable.

A submission is two JSON-ready mappings: answers in the shape `responses_from_records`
takes, and the 'other (specify)' texts by question name. `records_from_table` is the inverse,
used to store answers read from another tool's file as submissions.

>>> from teichaku.instrument import load_instrument
>>> form = load_instrument("retention-challenges-2024")
>>> stored = [Submitted("w1", {"q01_securing_users": "7"}),
...           Submitted("w2", {"monitoring_methods": ["phone", "other"]},
...                     {"monitoring_methods": "手紙"})]
>>> table = table_from_submissions(form, stored)
>>> table.response_ids.tolist(), table.multi("monitoring_methods").other_text.tolist()
(['w1', 'w2'], [None, '手紙'])
>>> records_from_table(table) == stored
True
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from teichaku.instrument import Instrument
from teichaku.responses.records import Value, responses_from_records
from teichaku.responses.table import (
    ChoiceAnswers,
    MultiAnswers,
    NumberAnswers,
    ResponseTable,
    TextAnswers,
)

StoredAnswer = str | int | float | list[str]


@dataclass(frozen=True)
class Submitted:
    response_id: str
    answers: Mapping[str, StoredAnswer]
    other_texts: Mapping[str, str] = field(default_factory=dict)


def table_from_submissions(
    instrument: Instrument, submissions: Sequence[Submitted], source: str = "submissions"
) -> ResponseTable:
    """All submissions as one table, 'other (specify)' texts included."""
    records: list[Mapping[str, Value]] = [s.answers for s in submissions]
    table = responses_from_records(
        instrument, records, [s.response_id for s in submissions], source=source
    )
    with_other = {q.name for q in instrument.questions if q.or_other}
    if not with_other:
        return table
    answers = dict(table.answers)
    for name in with_other:
        texts = np.array([s.other_texts.get(name) for s in submissions], dtype=object)
        column = answers[name]
        if isinstance(column, ChoiceAnswers | MultiAnswers):
            answers[name] = dataclasses.replace(column, other_text=texts)
    return dataclasses.replace(table, answers=answers)


def records_from_table(table: ResponseTable) -> list[Submitted]:
    """One `Submitted` per respondent of `table`; missing answers are left out."""
    rows: list[tuple[dict[str, StoredAnswer], dict[str, str]]] = [
        ({}, {}) for _ in range(table.respondents)
    ]
    for name, column in table.answers.items():
        values = column.question.option_values
        if isinstance(column, ChoiceAnswers):
            for i, code in enumerate(column.codes.tolist()):
                if code >= 0:
                    rows[i][0][name] = values[code]
        elif isinstance(column, MultiAnswers):
            for i, (chosen, answered) in enumerate(
                zip(column.selected.tolist(), column.answered.tolist(), strict=True)
            ):
                if answered or any(chosen):
                    rows[i][0][name] = [v for v, c in zip(values, chosen, strict=True) if c]
        elif isinstance(column, TextAnswers):
            for i, text in enumerate(column.values.tolist()):
                if text is not None and str(text).strip():
                    rows[i][0][name] = str(text)
        elif isinstance(column, NumberAnswers):
            for i, number in enumerate(column.values.tolist()):
                if not math.isnan(number):
                    rows[i][0][name] = int(number) if float(number).is_integer() else number
        other = getattr(column, "other_text", None)
        if other is not None:
            for i, text in enumerate(other.tolist()):
                if text is not None and str(text).strip():
                    rows[i][1][name] = str(text)
    return [
        Submitted(str(rid), answers, others)
        for rid, (answers, others) in zip(table.response_ids.tolist(), rows, strict=True)
    ]
