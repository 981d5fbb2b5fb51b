"""A weight column of a response file: accepted by name, read as positive numbers.

`teichaku analyze --weights COLUMN` names a column that is no question (a design weight, a
weight made by another tool). The column is taken out of the columns the file is checked
against, so it is never an unknown column, and every cell must be a positive, finite number:
a blank, zero, negative or non-numeric cell stops the import with file, row, column and
value, whatever `lenient` says (a weight cannot be "missing").
"""

from __future__ import annotations

import dataclasses

import numpy as np
import numpy.typing as npt

from teichaku.bilingual import worded
from teichaku.responses.columns import ColumnPlan
from teichaku.responses.errors import ResponseFileError, compact, compact_ja
from teichaku.responses.files import RawTable
from teichaku.responses.table import ValueIssue
from teichaku.responses.values import parse_number
from teichaku.textform import normal_form

ACCEPTED = "a positive number such as 1, 0.85 or 1234.5"
ACCEPTED_JA = "1、0.85、1234.5 のような正の数"


def weight_position(raw: RawTable, plan: ColumnPlan, column: str) -> int:
    """Where the column named `column` is; an error when there is none or it is a question's."""
    wanted = normal_form(column)
    keys = [normal_form(header) for header in raw.headers]
    found = [i for i, key in enumerate(keys) if key == wanted] or [
        i for i, key in enumerate(keys) if key.casefold() == wanted.casefold()
    ]
    if not found:
        raise worded(
            ResponseFileError(
                f"{raw.path}: no column {column!r} for the weights; "
                f"columns: {compact([repr(h) for h in raw.headers])}"
            ),
            f"{raw.path}: 重みの列「{column}」がありません。"
            f"ファイルの列: {compact_ja([f'「{h}」' for h in raw.headers])}",
        )
    position = found[0]
    for name, source in plan.questions.items():
        used = {source.column, source.other_column, *source.option_columns.values()}
        if position in used:
            raise worded(
                ResponseFileError(
                    f"{raw.path}: column {column!r} holds the answers to question {name!r}; "
                    "the weights must be a column of their own"
                ),
                f"{raw.path}: 列「{column}」は設問 {name!r} の回答の列である。"
                "重みは設問ではない別の列にすること",
            )
    return position


def without_column(plan: ColumnPlan, position: int) -> ColumnPlan:
    """The plan with the weight column neither unknown nor listed."""
    return dataclasses.replace(
        plan,
        listed=tuple(p for p in plan.listed if p != position),
        unknown=tuple(p for p in plan.unknown if p != position),
        id_column=None if plan.id_column == position else plan.id_column,
    )


def read_weights(raw: RawTable, position: int) -> npt.NDArray[np.float64]:
    """Every row's weight; a `ResponseFileError` listing each bad cell (first row of each)."""
    column = raw.columns[position]
    rows, texts = column.factorized()
    values = np.full(len(texts), np.nan)
    bad: list[int] = []
    for index, text in enumerate(texts):
        value = parse_number(str(text))
        if value is None or value <= 0:
            bad.append(index)
        else:
            values[index] = value
    if raw.rows and bad:
        flags = np.zeros(len(texts), dtype=bool)
        flags[bad] = True
        issues = []
        for code in np.unique(rows[flags[rows]]).tolist():
            first = int(np.flatnonzero(rows == code)[0])
            text = str(texts[code])
            issues.append(
                ValueIssue(
                    raw.path,
                    raw.row_number(first),
                    column.header,
                    text,
                    "not a positive number (the weight column)",
                    ACCEPTED,
                    "正の数ではない（重みの列）",
                    ACCEPTED_JA,
                )
            )
        issues.sort(key=lambda issue: issue.row)
        error = ResponseFileError.from_issues(raw.path, issues)
        error.lenient_helps = False
        raise worded(error, "\n".join(_japanese(issue) for issue in issues[:20]))
    weights: npt.NDArray[np.float64] = values[rows]
    return weights


def _japanese(issue: ValueIssue) -> str:
    return (
        f"{issue.file}: {issue.row}行目、列「{issue.column}」、値「{issue.value}」: "
        f"{issue.problem_ja}（受け付けるのは {issue.accepted_ja}）"
    )
