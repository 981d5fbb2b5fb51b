"""Cross tables against a hand-computed χ² and Cramér's V."""

from __future__ import annotations

import math

import pytest

from teichaku.instrument import load_instrument
from teichaku.responses import responses_from_records
from teichaku.tabulate import cross_tabulate

FORM = load_instrument("retention-challenges-2024")


def chi2_by_hand(table: list[list[int]]) -> float:
    rows = [sum(r) for r in table]
    cols = [sum(c) for c in zip(*table, strict=True)]
    total = sum(rows)
    return sum(
        (table[i][j] - rows[i] * cols[j] / total) ** 2 / (rows[i] * cols[j] / total)
        for i in range(len(rows))
        for j in range(len(cols))
    )


def test_counts_percentages_chi2_and_cramers_v() -> None:
    pairs = [("npo", "7")] * 12 + [("npo", "1")] * 3 + [("private_company", "7")] * 4
    pairs += [("private_company", "1")] * 11 + [(None, "7")] * 2 + [("npo", None)]
    records = [{"operating_body": b, "q01_securing_users": q} for b, q in pairs]
    table = cross_tabulate(
        responses_from_records(FORM, records), "q01_securing_users", "operating_body"
    )
    body = FORM.question("operating_body").option_values
    npo, company = body.index("npo"), body.index("private_company")
    assert table.counts[6][npo] == 12 and table.counts[0][company] == 11
    assert table.total == 30
    assert table.column_percent[6][npo] == pytest.approx(80.0)
    assert table.row_percent[0][npo] == pytest.approx(100 * 3 / 14)
    observed = [[12, 4], [3, 11]]
    chi2 = chi2_by_hand(observed)
    assert table.chi2 == pytest.approx(chi2)
    assert table.dof == 1
    assert table.cramers_v == pytest.approx(math.sqrt(chi2 / 30))
    assert table.warning is None


def test_small_expected_counts_are_warned_about() -> None:
    records = [{"operating_body": "npo", "q01_securing_users": "7"}] * 3 + [
        {"operating_body": "private_company", "q01_securing_users": "1"}
    ] * 2
    table = cross_tabulate(
        responses_from_records(FORM, records), "q01_securing_users", "operating_body"
    )
    assert table.warning is not None and "expected count below 5" in table.warning


def test_multiple_choice_rows_count_mentions_without_a_test() -> None:
    records = [
        {"operating_body": "npo", "monitoring_methods": "phone email"},
        {"operating_body": "npo", "monitoring_methods": "phone"},
        {"operating_body": "private_company", "monitoring_methods": "email"},
    ]
    table = cross_tabulate(
        responses_from_records(FORM, records), "monitoring_methods", "operating_body"
    )
    body = FORM.question("operating_body").option_values
    assert table.counts[0][body.index("npo")] == 2  # phone
    assert table.counts[2][body.index("private_company")] == 1  # email
    assert table.chi2 is None and table.warning is not None


def test_by_takes_a_question_label_as_well_as_a_name() -> None:
    from teichaku.tabulate import CrossTableError, tabulate_survey

    records = [{"operating_body": "npo", "q01_securing_users": "7"}] * 3
    responses = responses_from_records(FORM, records)
    by_name = tabulate_survey(responses, by="operating_body")
    by_label = tabulate_survey(responses, by=" 事業所の設置法人 ")
    assert [t.by.name for t in by_label.cross_tables] == [t.by.name for t in by_name.cross_tables]
    assert by_label.cross_tables and by_label.cross_tables[0].by.name == "operating_body"
    with pytest.raises(CrossTableError, match="no question '設置法人'"):
        tabulate_survey(responses, by="設置法人")
