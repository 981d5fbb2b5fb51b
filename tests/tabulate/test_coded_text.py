"""Coded free text: shares of descriptions, several codes per description."""

from __future__ import annotations

import pytest

from teichaku.coding import Code, Codebook, Coding
from teichaku.instrument import load_instrument
from teichaku.responses import responses_from_records
from teichaku.tabulate import CodedTextError, tabulate_coded_text

FORM = load_instrument("retention-challenges-2024")
Q = "other_org_users_text"
BOOK = Codebook(Q, (Code("a", "連携"), Code("b", "情報不足"), Code("c", "特になし")))


def table_for(codings: list[Coding], codebook: Codebook | None = BOOK):  # type: ignore[no-untyped-def]
    records = [{Q: "text one"}, {Q: "text two"}, {Q: None}, {Q: "text four"}]
    responses = responses_from_records(FORM, records, ["r1", "r2", "r3", "r4"])
    return tabulate_coded_text(responses.text(Q), responses.response_ids, codings, codebook)


def test_more_codes_than_descriptions_counts_each_against_the_descriptions() -> None:
    table = table_for(
        [
            Coding("r1", Q, "a"),
            Coding("r1", Q, "情報不足"),
            Coding("r2", Q, "a"),
            Coding("r4", Q, "c"),
        ]
    )
    assert (table.descriptions, table.coded, table.assignments) == (3, 3, 4)
    shares = {c.code: (c.count, c.percent_of_descriptions) for c in table.codes}
    assert shares["a"] == (2, pytest.approx(200 / 3))
    assert shares["b"] == (1, pytest.approx(100 / 3))
    assert sum(c.count for c in table.codes) > table.descriptions


def test_the_same_code_twice_on_one_description_counts_once() -> None:
    table = table_for([Coding("r1", Q, "a"), Coding("r1", Q, "a")])
    assert table.codes[0].count == 1


def test_unknown_code_response_or_blank_text_is_refused_with_the_row() -> None:
    with pytest.raises(CodedTextError) as error:
        table_for(
            [
                Coding("r1", Q, "zzz", row=2),
                Coding("r9", Q, "a", row=3),
                Coding("r3", Q, "a", row=4),
            ]
        )
    message = str(error.value)
    assert "row 2" in message and "'zzz'" in message and "accepted: a, b, c" in message
    assert "row 3" in message and "no response with this id" in message
    assert "row 4" in message and "no text" in message


def test_without_a_codebook_codes_are_taken_as_given() -> None:
    table = table_for([Coding("r2", Q, "x"), Coding("r1", Q, "y"), Coding("r4", Q, "x")], None)
    assert [(c.code, c.count) for c in table.codes] == [("x", 2), ("y", 1)]


def test_seen_without_a_code_rows_are_checked_but_add_nothing() -> None:
    table = table_for([Coding("r1", Q, "a"), Coding("r2", Q, "-")])
    assert (table.coded, table.assignments) == (1, 1)
    with pytest.raises(CodedTextError, match="no response with this id"):
        table_for([Coding("r9", Q, "-")])
