"""Cross tables of a question by a grouping question, with χ² and Cramér's V."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from teichaku.responses import ChoiceAnswers, MultiAnswers, ResponseTable
from teichaku.tabulate._stats import percent
from teichaku.tabulate.chi2 import chi2_test
from teichaku.tabulate.results import CrossTable


class CrossTableError(ValueError):
    pass


def cross_tabulate(responses: ResponseTable, question: str, by: str) -> CrossTable:
    """Counts of `question`'s options (rows) within each option of `by` (columns).

    Respondents missing either answer are left out. Cells of all-zero rows or columns are
    kept in the table but left out of the χ² test, which needs positive expected counts.
    """
    grouping = responses.answers.get(by)
    if not isinstance(grouping, ChoiceAnswers):
        raise CrossTableError(
            f"{by!r}: the grouping question must be a single-choice or Likert question"
        )
    rows_answers = responses.answers.get(question)
    if not isinstance(rows_answers, ChoiceAnswers | MultiAnswers):
        raise CrossTableError(f"{question!r}: only choice questions can be cross-tabulated")
    group_codes = grouping.codes
    n_columns = len(grouping.question.options)
    counts = _counts(rows_answers, group_codes, n_columns)
    row_totals = counts.sum(axis=1)
    column_totals = counts.sum(axis=0)
    total = int(counts.sum())
    is_multi = isinstance(rows_answers, MultiAnswers)
    chi2 = dof = p_value = cramers_v = min_expected = small_share = None
    warning: str | None = None
    test = None if is_multi else chi2_test(counts)
    if is_multi:
        warning = "multiple choice: cells count mentions, so no χ² test is made"
    elif test is None:
        warning = "fewer than two non-empty rows or columns: no χ² test"
    else:
        chi2, dof, p_value = test.chi2, test.dof, test.p_value
        cramers_v, min_expected = test.cramers_v, test.min_expected
        small_share = test.small_expected_share
        warning = test.warning
    row_question = rows_answers.question
    return CrossTable(
        question=row_question,
        by=grouping.question,
        row_values=row_question.option_values,
        row_labels=tuple(o.label for o in row_question.options),
        column_values=grouping.question.option_values,
        column_labels=tuple(o.label for o in grouping.question.options),
        counts=tuple(tuple(int(c) for c in row) for row in counts),
        row_percent=tuple(
            tuple(percent(int(c), int(row_totals[i])) for c in row) for i, row in enumerate(counts)
        ),
        column_percent=tuple(
            tuple(percent(int(c), int(column_totals[j])) for j, c in enumerate(row))
            for row in counts
        ),
        row_totals=tuple(int(t) for t in row_totals),
        column_totals=tuple(int(t) for t in column_totals),
        total=total,
        chi2=chi2,
        dof=dof,
        p_value=p_value,
        cramers_v=cramers_v,
        min_expected=min_expected,
        small_expected_share=small_share,
        warning=warning,
    )


def _counts(
    answers: ChoiceAnswers | MultiAnswers, group_codes: npt.NDArray[np.int16], n_columns: int
) -> npt.NDArray[np.int64]:
    grouped = group_codes >= 0
    if isinstance(answers, MultiAnswers):
        selected = answers.selected[grouped].astype(np.int64)
        one_hot = np.eye(n_columns, dtype=np.int64)[group_codes[grouped]]
        return selected.T @ one_hot
    n_rows = len(answers.question.options)
    both = grouped & (answers.codes >= 0)
    flat = answers.codes[both].astype(np.int64) * n_columns + group_codes[both]
    return np.bincount(flat, minlength=n_rows * n_columns).reshape(n_rows, n_columns)
