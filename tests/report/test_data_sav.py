"""data.sav says each variable's measurement level (nominal, ordinal, scale) and keeps its
labels: read back with pyreadstat, as SPSS would open it."""

from __future__ import annotations

from pathlib import Path

import pyreadstat

from teichaku.instrument import load_xlsform
from teichaku.report.data_export import write_data_sav
from teichaku.responses import read_responses

FORM = """\
| survey |
| | type | name | label | appearance | ordinal |
| | select_one kind or_other | kind | 事業所の種類 | | |
| | select_one agree | sat | 満足している | likert | |
| | select_one often | visits | 訪問の頻度 | | yes |
| | select_multiple help | help | 受けた支援 | | |
| | integer | staff | 職員数 | | |
| | decimal | hours | 週あたり時間 | | |
| | text | comment | 意見 | | |
| choices |
| | list_name | name | label |
| | kind | a | 単独型 |
| | kind | b | 併設型 |
| | agree | 1 | そう思わない |
| | agree | 2 | どちらでもない |
| | agree | 3 | そう思う |
| | often | never | 全くない |
| | often | monthly | 月に1回 |
| | often | weekly | 週に1回 |
| | help | visit | 訪問 |
| | help | phone | 電話 |
"""
ROWS = """\
kind,kind_other,sat,visits,help,staff,hours,comment,w
a,,3,weekly,visit phone,4,12.5,よい,1.5
other,小規模型,1,never,,12,3.25,,0.5
b,,2,monthly,phone,,40,ふつう,2
"""


def test_measurement_levels_and_labels_read_back(tmp_path: Path) -> None:
    (tmp_path / "form.md").write_text(FORM, encoding="utf-8")
    (tmp_path / "answers.csv").write_text(ROWS, encoding="utf-8")
    form = load_xlsform(tmp_path / "form.md")
    responses = read_responses(tmp_path / "answers.csv", form, weights="w")
    write_data_sav(responses, tmp_path / "data.sav")
    frame, meta = pyreadstat.read_sav(str(tmp_path / "data.sav"))
    assert meta.variable_measure == {
        "response_id": "nominal",
        "kind": "nominal",  # a single choice
        "kind_other": "nominal",
        "sat": "ordinal",  # a Likert item
        "visits": "ordinal",  # an ordinal item
        "help": "nominal",  # a multiple choice: its answers, and one 0/1 column per option
        "help_visit": "nominal",
        "help_phone": "nominal",
        "staff": "scale",  # integer
        "hours": "scale",  # decimal
        "comment": "nominal",
        "weight": "scale",
    }
    labels = meta.variable_value_labels
    assert labels["kind"] == {1.0: "単独型", 2.0: "併設型", 3.0: "Other"}  # or_other
    assert labels["sat"] == {1.0: "そう思わない", 2.0: "どちらでもない", 3.0: "そう思う"}
    assert labels["visits"] == {1.0: "全くない", 2.0: "月に1回", 3.0: "週に1回"}
    assert labels["help_phone"] == {0.0: "選択なし", 1.0: "選択"}
    assert meta.column_names_to_labels["visits"] == "訪問の頻度"
    assert frame["visits"].tolist() == [3.0, 1.0, 2.0]  # 1-based codes, in the scale's order
    assert frame["hours"].tolist() == [12.5, 3.25, 40.0]
    assert frame["weight"].tolist() == [1.5, 0.5, 2.0]
