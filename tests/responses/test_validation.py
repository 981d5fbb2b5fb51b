"""One submission checked against the instrument, and stored answers back to a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from teichaku.instrument import Instrument, InstrumentError, load_instrument, load_xlsform
from teichaku.instrument.pages import form_pages, introduction
from teichaku.instrument.xlsform import load_xlsform_bytes
from teichaku.responses.submissions import (
    Submitted,
    records_from_table,
    table_from_submissions,
)
from teichaku.responses.validation import validate_submission
from teichaku.tabulate import tabulate_survey

FORM = """
| survey |
| | type | name | label | required | relevant |
| | select_one yn | works | Works? | yes | |
| | select_multiple fruit or_other | fruit | Fruit | yes | ${works} = 'y' |
| | integer | age | Age | | |
| | text | comment | Comment | | |
| choices |
| | list_name | name | label |
| | yn | y | Yes |
| | yn | n | No |
| | fruit | apple | Apple |
| | fruit | pear | Pear |
"""


@pytest.fixture
def form(tmp_path: Path) -> Instrument:
    path = tmp_path / "form.md"
    path.write_text(FORM, encoding="utf-8")
    return load_xlsform(path)


def test_a_valid_submission_becomes_answers(form: Instrument) -> None:
    checked = validate_submission(
        form,
        {"works": ["y"], "fruit": ["apple", "other"], "age": ["42"], "comment": [" hi "]},
        {"fruit": "kiwi"},
    )
    assert checked.ok
    assert checked.answers == {
        "works": "y",
        "fruit": ["apple", "other"],
        "age": 42,
        "comment": "hi",
    }
    assert checked.other_texts == {"fruit": "kiwi"}


def test_required_missing_and_bad_values_are_errors_per_question(form: Instrument) -> None:
    checked = validate_submission(form, {"works": ["maybe"], "age": ["forty"]})
    assert set(checked.errors) == {"works", "age"}
    assert checked.errors["works"][0].code == "not_an_option"
    assert "maybe" in checked.errors["works"][0].message
    assert checked.errors["age"][0].message == "「Age」には数値を入力してください（forty）。"
    missing = validate_submission(form, {})
    assert missing.errors["works"][0].message.startswith("「Works?」は必須です")


def test_skipped_question_is_neither_required_nor_kept(form: Instrument) -> None:
    checked = validate_submission(form, {"works": ["n"], "fruit": ["apple"]})
    assert checked.ok
    assert "fruit" not in checked.answers
    assert "fruit" not in checked.relevant
    asked = validate_submission(form, {"works": ["y"]})
    assert asked.errors["fruit"][0].code == "required"


def test_other_needs_its_text_and_the_text_needs_other(form: Instrument) -> None:
    without_text = validate_submission(form, {"works": ["y"], "fruit": ["other"]})
    assert without_text.errors["fruit"][0].code == "other_text_missing"
    text_only = validate_submission(form, {"works": ["y"], "fruit": ["pear"]}, {"fruit": "kiwi"})
    assert text_only.errors["fruit"][0].code == "other_not_chosen"


def test_single_choice_takes_one_value(form: Instrument) -> None:
    checked = validate_submission(form, {"works": ["y", "n"]})
    assert checked.errors["works"][0].code == "one_only"


def test_a_page_is_checked_alone_but_sees_earlier_answers(form: Instrument) -> None:
    checked = validate_submission(form, {"works": ["y"]}, questions={"age", "comment"})
    assert checked.ok  # fruit is required but not on this page
    assert checked.relevant >= {"fruit"}


def test_unknown_names_are_refused(form: Instrument) -> None:
    with pytest.raises(ValueError, match="no question named nope"):
        validate_submission(form, {"nope": ["1"]})


def test_too_long_text(form: Instrument) -> None:
    checked = validate_submission(form, {"works": ["n"], "comment": ["x" * 10_001]})
    assert checked.errors["comment"][0].code == "too_long"


def test_builtin_likert_item_is_checked_against_its_scale() -> None:
    form = load_instrument("retention-challenges-2024")
    checked = validate_submission(form, {"q01_securing_users": ["8"]})
    assert checked.errors["q01_securing_users"][0].message == (
        "「利用者の確保」の選択肢にない値です（8）。"
    )
    assert {"affiliation", "operating_body", "role"} <= set(checked.errors)


def test_submissions_round_trip_through_a_table(form: Instrument) -> None:
    stored = [
        Submitted("a", {"works": "y", "fruit": ["other"], "age": 30}, {"fruit": "kiwi"}),
        Submitted("b", {"works": "n", "comment": "no"}),
        Submitted("c", {"works": "y", "fruit": []}),
    ]
    table = table_from_submissions(form, stored)
    assert table.respondents == 3
    fruit = table.multi("fruit")
    assert fruit.other_text is not None and fruit.other_text.tolist() == ["kiwi", None, None]
    assert fruit.answered.tolist() == [True, False, True]
    assert records_from_table(table) == stored
    tables = tabulate_survey(table)
    assert tables.respondents == 3


def test_pages_follow_top_level_groups() -> None:
    form = load_instrument("retention-challenges-2024")
    pages = form_pages(form)
    assert [p.key for p in pages] == ["attributes", "challenges", "page-3"]
    assert [n.name for n in pages[1].notes] == ["challenges_note"]
    assert [n.name for n in introduction(form)] == ["consent_note"]
    assert sum(len(p.questions) for p in pages) == len(form.questions)


def test_xlsform_from_bytes_names_the_upload_in_errors() -> None:
    form = load_xlsform_bytes(FORM.encode(), "mine.md")
    assert form.source == "mine.md" and form.form_id == "mine"
    with pytest.raises(InstrumentError, match=r"^bad\.md: invalid XLSForm"):
        load_xlsform_bytes(FORM.replace("select_one yn", "select_one nolist").encode(), "bad.md")
    with pytest.raises(InstrumentError, match=r"form\.pdf: not an XLSForm file"):
        load_xlsform_bytes(b"%PDF", "form.pdf")
