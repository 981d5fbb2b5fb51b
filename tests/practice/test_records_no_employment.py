"""RECORDS rows with hired_on = なし: a person in service with no employment recorded. The
rules core counts them as undetermined, as the office dashboard does for the same person."""

from __future__ import annotations

from datetime import date

import pytest

from teichaku.retention.loader import rule_set_for_fiscal_year
from teichaku.retention.outcome import Code
from teichaku.retention.people import Person
from teichaku.retention.rate import retention_rate
from teichaku.retention.records import RecordsError, parse_records

HEADER = "person_id,service_start,service_end,hired_on,left_on\n"


@pytest.mark.parametrize("token", ["なし", "none", "NONE", " ｎｏｎｅ "])
def test_none_is_a_person_with_no_job(token: str) -> None:
    records = parse_records(HEADER + f"a,2023-10-01,,2023-04-01,\nb,2023-11-01,,{token},\n")
    people = {p.person_id: p for p in records.people}
    assert people["b"] == Person("b", date(2023, 11, 1), None, ())
    assert records.rows == 2


def test_the_rate_counts_them_as_undetermined_like_a_person_built_without_jobs() -> None:
    records = parse_records(HEADER + "a,2023-10-01,,2023-04-01,\nb,2023-11-01,,なし,\n")
    rules = rule_set_for_fiscal_year(2025)
    from_file = retention_rate(records.people, 2025, rules)
    direct = retention_rate(
        [records.people[0], Person("b", date(2023, 11, 1), None, ())], 2025, rules
    )
    assert from_file == direct
    codes = {o.person_id: o.code for o in from_file.people}
    assert codes["b"] is Code.NO_JOB_AT_START
    assert (from_file.numerator, from_file.denominator, from_file.undetermined) == (1, 2, 1)


def test_none_must_be_alone_and_without_left_on() -> None:
    with pytest.raises(RecordsError) as error:
        parse_records(
            HEADER
            + "a,2023-10-01,,2023-04-01,\na,2023-10-01,,なし,\nb,2023-10-01,,なし,2024-01-01\n"
        )
    message = str(error.value)
    assert "3行目 / row 3, 列 / column hired_on: 'なし'" in message and "row 2" in message
    assert "4行目 / row 4, 列 / column left_on: '2024-01-01'" in message
    # A blank hired_on is still an error: blank never means "none".
    with pytest.raises(RecordsError, match="column hired_on"):
        parse_records(HEADER + "a,2023-10-01,,,\n")
