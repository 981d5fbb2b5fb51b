"""The example's codings give Tables 14 and 15 through the engine's coded-text table, and the
matrices agree with it."""

from __future__ import annotations

import io

import numpy as np
import pytest
from openpyxl import load_workbook

from teichaku.coding import NO_CODE, Coding
from teichaku.tabulate.matrix import (
    case_code_matrix,
    co_occurrence,
    coded_table,
    cross_by_attribute,
)

TABLE_14 = [19, 16, 10, 4, 4, 4, 5]  # of 61 descriptions
TABLE_15 = [35, 16, 12, 5, 11, 17, 1]  # of 95, 利用終了後の資源への接続 last


@pytest.mark.parametrize(
    ("question", "counts", "base"),
    [("other_org_users_text", TABLE_14, 61), ("self_plan_text", TABLE_15, 95)],
)
def test_the_example_gives_the_study_tables(example, question, counts, base) -> None:  # type: ignore[no-untyped-def]
    answers, codings, codebooks = example
    table = coded_table(answers, codings, codebooks[question])
    assert table.descriptions == base
    assert [c.count for c in table.codes] == counts
    assert table.assignments > table.descriptions  # more codes than descriptions
    assert table.codes[0].percent_of_descriptions == pytest.approx(100 * counts[0] / base)


def test_no_code_rows_are_left_out_of_tables(example) -> None:  # type: ignore[no-untyped-def]
    answers, codings, codebooks = example
    book = codebooks["other_org_users_text"]
    uncoded = next(a for a in answers if a.question == book.question and not a.is_description)
    described = next(a for a in answers if a.question == book.question and a.is_description)
    extra = [Coding(described.response_id, book.question, NO_CODE)]
    table = coded_table(answers, [*codings, *extra], book)
    assert [c.count for c in table.codes] == TABLE_14
    assert uncoded.text == ""


def test_matrix_co_occurrence_and_cross_agree_with_the_table(example) -> None:  # type: ignore[no-untyped-def]
    answers, codings, codebooks = example
    book = codebooks["self_plan_text"]
    matrix = case_code_matrix(answers, codings, book)
    assert matrix.values.shape == (95, 7)
    assert matrix.values.sum(axis=0).tolist() == TABLE_15
    pairs = co_occurrence(matrix)
    assert np.diag(pairs.counts).tolist() == TABLE_15
    assert (pairs.counts == pairs.counts.T).all()
    assert pairs.counts.sum() - np.trace(pairs.counts) == 2 * 2  # two doubly coded answers
    cross = cross_by_attribute(answers, codings, book, "operating_body")
    assert sum(t.descriptions for _, t in cross.groups) == 95
    for j in range(7):
        assert sum(t.codes[j].count for _, t in cross.groups) == TABLE_15[j]
    text = matrix.to_csv().splitlines()
    assert text[0].split(",")[:3] == ["response_id", "affiliation", "operating_body"]
    assert len(text) == 96
    sheet = load_workbook(io.BytesIO(matrix.to_xlsx())).active
    assert sheet.max_row == 2 + 95
    column_sums = [
        sum(sheet.cell(row=r, column=4 + j).value for r in range(3, 98)) for j in range(7)
    ]
    assert column_sums == TABLE_15
