"""teichaku.practices/1: round trip, provenance, and errors that name the case and field."""

from __future__ import annotations

import json

import pytest

from teichaku.library.exchange import SCHEMA, PracticesFileError, dump_cases, load_cases
from teichaku.library.flags import flag_fields
from teichaku.library.seeds import seed_cases


def test_round_trip_keeps_every_case_and_adds_provenance() -> None:
    cases = seed_cases()
    text = dump_cases(cases, "https://pref.example.jp")
    again = load_cases(text)
    assert [c.id for c in again] == [c.id for c in cases]
    # seeds.json's own site is kept as their provenance (they had none in the file).
    assert {c.provenance.site for c in again if c.provenance} == {"https://demo.teichaku.invalid"}
    assert load_cases(dump_cases(again, "https://other.example.jp")) == again


def _document(**changes: object) -> str:
    case = json.loads(dump_cases(seed_cases()[:2], "https://a.example.jp"))
    case["cases"][1].update(changes)
    return json.dumps(case, ensure_ascii=False)


def test_errors_name_the_case_and_the_field() -> None:
    with pytest.raises(PracticesFileError) as error:
        load_cases(_document(prefecture="横浜市", challenges=["q99_nothing"], channels="phone"))
    problems = error.value.problems
    assert any("事例 2 (id s02)" in p and '"prefecture"' in p and "横浜市" in p for p in problems)
    assert any('"challenges"' in p and "q99_nothing" in p for p in problems)
    assert any('"channels"' in p for p in problems)


def test_a_duplicate_provenance_is_refused() -> None:
    document = json.loads(dump_cases(seed_cases()[:1] * 2, "https://a.example.jp"))
    with pytest.raises(PracticesFileError, match="重複"):
        load_cases(json.dumps(document))


def test_wrong_schema_is_refused() -> None:
    with pytest.raises(PracticesFileError, match=SCHEMA):
        load_cases('{"schema": "other/1", "site": "x", "cases": []}')


def test_seed_cases_are_fictional_cover_the_twelve_items_and_have_no_flags() -> None:
    cases = seed_cases()
    assert all("架空の事例です" in c.situation for c in cases)
    items = {f"q{n:02d}" for n in range(1, 13)}
    covered = {key[:3] for c in cases for key in c.challenges if ":" not in key}
    assert covered == items
    assert [f for c in cases for f in flag_fields(c.texts())] == []
