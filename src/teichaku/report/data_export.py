"""The cleaned answers as `data.csv` and SPSS `data.sav`, labelled from the instrument.

Weighted answers end with a ``weight`` column: the weights every table used.
Each multiple-choice question becomes its space-separated column (as ODK stores it) and
one 0/1 column per option beside it, named ``question_option``. Single choices keep their
option value in the CSV; in the .sav they become 1-based option codes with value labels.

The .sav says each variable's measurement level: ordinal for Likert and ordinal items (an
ordered scale, `Question.scores`), scale for numbers (integer, decimal) and the weight,
nominal for everything else (single and multiple choices, their 0/1 columns, text, ids).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

from teichaku.cells import csv_cell, csv_row
from teichaku.instrument import Question
from teichaku.responses import (
    ChoiceAnswers,
    MultiAnswers,
    NumberAnswers,
    ResponseTable,
    TextAnswers,
)

ID_COLUMN = "response_id"
WEIGHT_COLUMN = "weight"  # the weights the tables used (a weight column, or raked), last


def dummy_name(question: Question, value: str) -> str:
    return f"{question.name}_{value}"


def answers_frame(responses: ResponseTable, *, coded: bool = False) -> pd.DataFrame:
    """One row per respondent. With `coded`, choices are 1-based codes (for SPSS)."""
    columns: dict[str, object] = {ID_COLUMN: responses.response_ids.astype(str)}
    for name, answers in responses.answers.items():
        question = answers.question
        if isinstance(answers, ChoiceAnswers):
            if coded:
                columns[name] = np.where(answers.codes >= 0, answers.codes + 1.0, np.nan)
            else:
                values = np.array([*question.option_values, None], dtype=object)
                columns[name] = values[answers.codes]  # code -1 picks the trailing None
            if answers.other_text is not None:
                columns[f"{name}_other"] = answers.other_text
        elif isinstance(answers, MultiAnswers):
            columns[name] = _joined(answers)
            for index, option in enumerate(question.options):
                dummy = answers.selected[:, index].astype(float)
                dummy[~(answers.answered | answers.selected.any(axis=1))] = np.nan
                columns[dummy_name(question, option.value)] = dummy
            if answers.other_text is not None:
                columns[f"{name}_other"] = answers.other_text
        elif isinstance(answers, TextAnswers | NumberAnswers):
            columns[name] = answers.values
    if responses.weights is not None:
        columns[WEIGHT_COLUMN] = responses.weights
    return pd.DataFrame(columns)


def _joined(answers: MultiAnswers) -> np.ndarray:
    """Space-separated chosen values per respondent, computed once per distinct pattern."""
    values = answers.question.option_values
    patterns, inverse = np.unique(answers.selected, axis=0, return_inverse=True)
    texts = np.array(
        [
            " ".join(v for v, chosen in zip(values, row, strict=True) if chosen) or None
            for row in patterns
        ],
        dtype=object,
    )
    joined = texts[inverse.ravel()]
    joined[~(answers.answered | answers.selected.any(axis=1))] = None
    return joined


def write_data_csv(responses: ResponseTable, path: Path) -> None:
    """UTF-8 with BOM, so that Japanese Excel opens it correctly. Text a spreadsheet would
    run as a formula is neutralised (`teichaku.cells`); `data.sav` keeps it raw."""
    frame = answers_frame(responses)
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].map(csv_cell)
    frame.columns = csv_row(frame.columns)
    frame.to_csv(path, index=False, encoding="utf-8-sig")


def _spss_name(name: str) -> str:
    cleaned = re.sub(r"[^0-9A-Za-z_]", "_", name)
    return cleaned if cleaned[:1].isalpha() else f"v_{cleaned}"


def write_data_sav(responses: ResponseTable, path: Path) -> None:
    """SPSS file with variable labels (question labels), value labels (option labels) and
    measurement levels (nominal, ordinal, scale: see the module's note)."""
    frame = answers_frame(responses, coded=True)
    labels: dict[str, str] = {ID_COLUMN: "回答ID", WEIGHT_COLUMN: "重み（集計に用いた重み）"}
    value_labels: dict[str, dict[float, str]] = {}
    # Every column not named here (ids, text, "other" answers, a multiple choice's own
    # column) is nominal.
    measures: dict[str, str] = {WEIGHT_COLUMN: "scale"}
    for name, answers in responses.answers.items():
        question = answers.question
        labels[name] = question.label
        if isinstance(answers, ChoiceAnswers):
            value_labels[name] = {float(i + 1): o.label for i, o in enumerate(question.options)}
            measures[name] = "nominal" if question.scores is None else "ordinal"
        elif isinstance(answers, MultiAnswers):
            for option in question.options:
                dummy = dummy_name(question, option.value)
                labels[dummy] = f"{question.label}: {option.label}"
                value_labels[dummy] = {0.0: "選択なし", 1.0: "選択"}
        elif isinstance(answers, NumberAnswers):
            measures[name] = "scale"
    renamed = {column: _spss_name(column) for column in frame.columns}
    frame = frame.rename(columns=renamed)
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].fillna("").astype(str)
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels={renamed[k]: v for k, v in labels.items() if k in renamed},
        variable_value_labels={renamed[k]: v for k, v in value_labels.items() if k in renamed},
        variable_measure={renamed[k]: measures.get(k, "nominal") for k in renamed},
    )
