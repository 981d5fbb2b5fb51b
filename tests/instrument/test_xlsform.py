# ruff: noqa: E501  (XLSForm markdown tables are wide on purpose)
"""Loading XLSForms into the instrument model."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from teichaku.instrument import (
    InstrumentError,
    PercentBase,
    QuestionKind,
    load_instrument,
    load_xlsform,
)

FORM_MD = """
| survey |
| | type | name | label::日本語 (ja) | label::English (en) | appearance | likert_centre | likert_high | required | relevant |
| | begin group | g | グループ | Group | | | | | |
| | select_one agree | plain_likert | 同意 | Agree | likert | | | yes | |
| | select_one agree | centred | 中心 | Centred | | 2 | first | | |
| | end group | | | | | | | | |
| | select_one yn | yes_no | はい・いいえ | Yes or no | | | | | |
| | select_multiple fruit or_other | fruit | 果物 | Fruit | | | | | ${yes_no} = 'y' |
| | integer | age | 年齢 | Age | | | | | |
| | text | comment | 意見 | Comment | | | | | |
| | note | info | お知らせ | Info | | | | | |
| choices |
| | list_name | name | label::日本語 (ja) | label::English (en) |
| | agree | 1 | 反対 | Disagree |
| | agree | 2 | 中立 | Neutral |
| | agree | 3 | 賛成 | Agree |
| | agree | 4 | 強く賛成 | Strongly agree |
| | yn | y | はい | Yes |
| | yn | n | いいえ | No |
| | fruit | apple | りんご | Apple |
| | fruit | pear | なし | Pear |
| settings |
| | form_title | form_id | default_language |
| | テスト | test_form | 日本語 (ja) |
"""


def write(tmp_path: Path, text: str, name: str = "form.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_markdown_form_becomes_typed_questions(tmp_path: Path) -> None:
    form = load_xlsform(write(tmp_path, FORM_MD))
    assert form.form_id == "test_form" and form.title == "テスト"
    assert form.languages == ("ja", "en")
    kinds = {q.name: q.kind for q in form.questions}
    assert kinds == {
        "plain_likert": QuestionKind.LIKERT,
        "centred": QuestionKind.LIKERT,
        "yes_no": QuestionKind.SINGLE,
        "fruit": QuestionKind.MULTI,
        "age": QuestionKind.NUMBER,
        "comment": QuestionKind.TEXT,
    }
    assert [n.name for n in form.notes] == ["info"]
    assert form.question("plain_likert").group == "g"
    assert form.question("plain_likert").required


def test_odk_likert_appearance_centres_on_the_middle_of_the_scale(tmp_path: Path) -> None:
    scale = load_xlsform(write(tmp_path, FORM_MD)).question("plain_likert").likert
    assert scale is not None and scale.centre == 2.5 and scale.high_is_last


def test_our_columns_set_the_centre_and_the_high_side(tmp_path: Path) -> None:
    scale = load_xlsform(write(tmp_path, FORM_MD)).question("centred").likert
    assert scale is not None and scale.centre == 2.0 and not scale.high_is_last


def test_or_other_adds_an_other_option_and_relevant_is_kept(tmp_path: Path) -> None:
    fruit = load_xlsform(write(tmp_path, FORM_MD)).question("fruit")
    assert fruit.option_values == ("apple", "pear", "other")
    assert fruit.option("other").labels == {"ja": "その他", "en": "Other"}
    assert fruit.relevant == "${yes_no} = 'y'"
    assert fruit.percent_base is PercentBase.CASES


def test_xlsx_form_loads_the_same_as_markdown(tmp_path: Path) -> None:
    md = load_xlsform(write(tmp_path, FORM_MD))
    workbook = openpyxl.Workbook()
    sheets = {"survey": [], "choices": [], "settings": []}  # type: dict[str, list[list[str]]]
    current = None
    for line in FORM_MD.strip().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] in sheets:
            current = cells[0]
        elif current:
            sheets[current].append(cells[1:])
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "form.xlsx"
    workbook.save(path)
    xlsx = load_xlsform(path)
    assert [(q.name, q.kind, q.option_values, q.labels) for q in xlsx.questions] == [
        (q.name, q.kind, q.option_values, q.labels) for q in md.questions
    ]


def test_invalid_form_names_the_file(tmp_path: Path) -> None:
    broken = FORM_MD.replace("select_one yn", "select_one nosuchlist")
    with pytest.raises(InstrumentError, match=r"form\.md: invalid XLSForm"):
        load_xlsform(write(tmp_path, broken))


def test_bad_centre_names_sheet_row_column_value_and_what_is_accepted(tmp_path: Path) -> None:
    broken = FORM_MD.replace("| | 2 | first |", "| | 9 | first |")
    with pytest.raises(InstrumentError) as error:
        load_xlsform(write(tmp_path, broken))
    message = str(error.value)
    assert "sheet 'survey', row 4" in message
    assert "column 'likert_centre', value '9'" in message
    assert "accepted: 1, 2, 3, 4" in message


def test_unsupported_type_is_refused(tmp_path: Path) -> None:
    broken = FORM_MD.replace("| | integer | age |", "| | geopoint | age |")
    with pytest.raises(InstrumentError, match="value 'geopoint'"):
        load_xlsform(write(tmp_path, broken))


def test_unknown_name_lists_the_built_in_instruments() -> None:
    with pytest.raises(InstrumentError, match="retention-challenges-2024"):
        load_instrument("no-such-instrument")
