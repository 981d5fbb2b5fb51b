"""Free-text answers to code, with the respondent's attributes beside them.

An answers file is a CSV with the columns ``response_id, question, text`` and any number of
attribute columns (affiliation, role …). It lets researchers code answers collected by any
tool; `answers_from_responses` takes them from a response table instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from teichaku.bilingual import worded
from teichaku.cells import csv_row, read_csv_cell
from teichaku.instrument import Instrument, Question, QuestionKind
from teichaku.responses import ChoiceAnswers, MultiAnswers, ResponseTable, TextAnswers
from teichaku.textfiles import decode, read_text

ANSWER_COLUMNS = ("response_id", "question", "text")


@dataclass(frozen=True)
class Answer:
    response_id: str
    question: str
    text: str  # "" when the respondent wrote nothing
    attributes: Mapping[str, str] = field(default_factory=dict)

    @property
    def unit(self) -> tuple[str, str]:
        return (self.response_id, self.question)

    @property
    def is_description(self) -> bool:
        """A non-empty answer: what the study calls a description."""
        return bool(self.text.strip())


class AnswersError(ValueError):
    pass


def parse_answers(text: str, source: str = "answers") -> tuple[Answer, ...]:
    """Parse an answers CSV; every column besides the three is an attribute."""
    reader = csv.DictReader(io.StringIO(text))
    header = [(column or "").strip() for column in reader.fieldnames or []]
    missing = [column for column in ANSWER_COLUMNS if column not in header]
    if missing:
        raise worded(
            AnswersError(
                f"{source}: row 1: missing column(s) {', '.join(missing)}; "
                f"accepted header: {', '.join(ANSWER_COLUMNS)}[, attribute columns…]"
            ),
            f"{source}: 1行目(見出し)に列 {'、'.join(missing)} がありません。"
            f"見出しは {'・'.join(ANSWER_COLUMNS)}(ほかの列は属性)",
        )
    attributes = [column for column in header if column and column not in ANSWER_COLUMNS]
    answers: list[Answer] = []
    first_row: dict[tuple[str, str], int] = {}
    for line, raw in enumerate(reader, start=2):
        row = {
            (key or "").strip(): read_csv_cell(value or "").strip()
            for key, value in raw.items()
            if key
        }
        for column in ("response_id", "question"):
            if not row.get(column):
                raise AnswersError(
                    f"{source}: row {line}, column {column!r}, value '': a value is required"
                )
        unit = (row["response_id"], row["question"])
        if unit in first_row:
            raise AnswersError(
                f"{source}: row {line}, column 'response_id', value {unit[0]!r}: "
                f"a second answer to {unit[1]!r} (first in row {first_row[unit]})"
            )
        first_row[unit] = line
        answers.append(
            Answer(
                unit[0],
                unit[1],
                row.get("text", ""),
                {name: row.get(name, "") for name in attributes},
            )
        )
    return tuple(answers)


def read_answers(path: Path) -> tuple[Answer, ...]:
    """Read an answers CSV (UTF-8, UTF-8 with BOM or CP932)."""
    return parse_answers(read_text(path), str(path))


def answers_from_bytes(data: bytes, source: str = "answers") -> tuple[Answer, ...]:
    return parse_answers(decode(data, source)[0], source)


def answers_to_csv(answers: Sequence[Answer]) -> str:
    attributes: list[str] = []
    for answer in answers:
        attributes += [name for name in answer.attributes if name not in attributes]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_row([*ANSWER_COLUMNS, *attributes]))
    for a in answers:
        texts = [a.response_id, a.question, a.text, *(a.attributes.get(n, "") for n in attributes)]
        writer.writerow(csv_row(texts))
    return out.getvalue()


def answers_from_responses(
    table: ResponseTable, question: str, attributes: Iterable[str] = ()
) -> tuple[Answer, ...]:
    """The answers to one text question of a response table, every respondent included
    (blank answers as ""), with the labels of the given choice questions as attributes."""
    texts = table.text(question).values
    columns = {name: _labels(table, name) for name in attributes}
    return tuple(
        Answer(
            str(rid),
            question,
            "" if texts[i] is None else str(texts[i]).strip(),
            {name: values[i] for name, values in columns.items()},
        )
        for i, rid in enumerate(table.response_ids)
    )


def _labels(table: ResponseTable, name: str) -> list[str]:
    answers = table.answers[name]
    if isinstance(answers, ChoiceAnswers):
        labels = [option.label for option in answers.question.options]
        return [labels[code] if code >= 0 else "" for code in answers.codes.tolist()]
    if isinstance(answers, MultiAnswers):
        labels = [option.label for option in answers.question.options]
        return [" / ".join(labels[j] for j in np.flatnonzero(row)) for row in answers.selected]
    raise AnswersError(f"{name}: only single- or multiple-choice questions can be attributes")


def text_question(name: str, label: str = "") -> Question:
    """A free-text question for answers that come without an instrument."""
    return Question(name, QuestionKind.TEXT, {"ja": label or name})


def as_text_answers(answers: Sequence[Answer], question: Question) -> tuple[TextAnswers, list[str]]:
    """The answers to `question` in the shape `tabulate_coded_text` takes: text values
    (``None`` for blank) and the response ids in the same order."""
    mine = [a for a in answers if a.question == question.name]
    values = np.array([a.text if a.is_description else None for a in mine], dtype=object)
    return TextAnswers(question, values), [a.response_id for a in mine]


def text_question_names(instrument: Instrument) -> tuple[str, ...]:
    """The free-text questions of an instrument: what a coding project can code."""
    return tuple(q.name for q in instrument.questions if q.kind is QuestionKind.TEXT)


def attribute_question_names(instrument: Instrument) -> tuple[str, ...]:
    """The single- and multiple-choice questions of an instrument: the respondent's
    attributes shown beside their free text (Likert items are answers, not attributes)."""
    kinds = (QuestionKind.SINGLE, QuestionKind.MULTI)
    return tuple(q.name for q in instrument.questions if q.kind in kinds)


def answers_from_survey(table: ResponseTable, question: str) -> tuple[Answer, ...]:
    """Every respondent's answer to one text question of a survey, with all of the
    survey's single- and multiple-choice answers (labels) as attributes."""
    if question not in text_question_names(table.instrument):
        found = ", ".join(text_question_names(table.instrument)) or "なし"
        raise AnswersError(
            f"{question!r} は自由記述の設問ではありません（自由記述の設問: {found}）"
        )
    return answers_from_responses(table, question, attribute_question_names(table.instrument))
