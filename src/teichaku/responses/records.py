"""Build a ResponseTable from answers already held as Python values.

This is how the web app (answers stored per submission) and tests hand answers to the
tabulation functions. Values must already be option values (XLSForm ``name``s); reading
the messier files of other survey tools is the job of `read_responses`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from teichaku.instrument import Instrument, Question, QuestionKind
from teichaku.responses.table import (
    MISSING_CODE,
    Answers,
    ChoiceAnswers,
    MultiAnswers,
    NumberAnswers,
    ResponseTable,
    TextAnswers,
)

Value = str | int | float | Sequence[str] | None


def responses_from_records(
    instrument: Instrument,
    records: Sequence[Mapping[str, Value]],
    response_ids: Sequence[str] | None = None,
    source: str = "records",
) -> ResponseTable:
    """One record per respondent: question name → value (``None`` or absent = missing).

    Single choice: the option value. Multiple choice: a list of option values, or one
    space-separated string; an empty list means "answered, chose none". Text: a string.
    Number: an int or float.

    >>> from teichaku.instrument import load_instrument
    >>> form = load_instrument("retention-challenges-2024")
    >>> table = responses_from_records(form, [
    ...     {"q01_securing_users": "7", "affiliation": ["retention_support", "government"]},
    ...     {"q01_securing_users": None, "affiliation": "education"},
    ... ])
    >>> table.response_ids.tolist(), table.choice("q01_securing_users").codes.tolist()
    (['1', '2'], [6, -1])
    >>> table.multi("affiliation").selected.sum(axis=0).tolist()
    [1, 0, 0, 0, 0, 0, 0, 1, 1]
    """
    ids = (
        list(response_ids)
        if response_ids is not None
        else [str(i) for i in range(1, len(records) + 1)]
    )
    if len(ids) != len(records):
        raise ValueError(f"{source}: {len(ids)} response ids for {len(records)} records")
    known = {q.name for q in instrument.questions}
    for index, record in enumerate(records):
        unknown = set(record) - known
        if unknown:
            raise ValueError(
                f"{source}: record {index + 1}: no question named {', '.join(sorted(unknown))}"
            )
    answers: dict[str, Answers] = {
        q.name: _column(q, [r.get(q.name) for r in records], source) for q in instrument.questions
    }
    return ResponseTable(
        instrument=instrument,
        ids=np.array(ids, dtype=object),
        answers=answers,
        source=source,
    )


def _column(question: Question, values: list[Value], source: str) -> Answers:
    def bad(index: int, value: Value) -> ValueError:
        accepted = ", ".join(question.option_values)
        return ValueError(
            f"{source}: record {index + 1}, question {question.name!r}, value {value!r}: "
            f"not an option; accepted: {accepted}"
        )

    position = {value: i for i, value in enumerate(question.option_values)}
    if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
        codes = np.full(len(values), MISSING_CODE, dtype=np.int16)
        for i, value in enumerate(values):
            if value in (None, ""):
                continue
            if not isinstance(value, str) or value not in position:
                raise bad(i, value)
            codes[i] = position[value]
        return ChoiceAnswers(question, codes)
    if question.kind is QuestionKind.MULTI:
        selected = np.zeros((len(values), len(question.options)), dtype=bool)
        answered = np.zeros(len(values), dtype=bool)
        for i, value in enumerate(values):
            if value is None or value == "":
                continue
            chosen = value.split() if isinstance(value, str) else value
            if not isinstance(chosen, Sequence):
                raise bad(i, value)
            answered[i] = True
            for choice in chosen:
                if choice not in position:
                    raise bad(i, choice)
                selected[i, position[choice]] = True
        return MultiAnswers(question, selected, answered)
    if question.kind is QuestionKind.TEXT:
        texts = [str(v).strip() or None if v is not None else None for v in values]
        return TextAnswers(question, np.array(texts, dtype=object))
    numbers = np.array([np.nan if v in (None, "") else float(v) for v in values])  # type: ignore[arg-type]
    return NumberAnswers(question, numbers)
