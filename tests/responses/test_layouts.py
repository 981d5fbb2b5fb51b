"""Each survey tool's export layout reads into the same answers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from openpyxl import Workbook

from teichaku.instrument import Instrument
from teichaku.responses import MISSING_CODE, read_responses

from .writing import write_csv

LIKERT_LABELS = [
    "利用者の確保",
    "利用者への支援提供における制約",
    "企業との連携",
]


def chosen(form: Instrument, table_selected: np.ndarray, name: str) -> list[list[str]]:
    values = form.question(name).option_values
    return [[values[j] for j in np.flatnonzero(row)] for row in table_selected]


def test_google_forms_csv_in_cp932_with_label_headers(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(
        tmp_path / "google.csv",
        [
            ["タイムスタンプ", "所属", "事業所の設置法人", *LIKERT_LABELS,
             "就職後の利用者の状態把握の方法", "メールアドレス"],
            ["2024/01/25 10:00:00", "就労定着支援事業所, 就労移行支援事業所", "社会福祉法人",
             "７：非常に課題である", "１：全く課題でない", "", "電話連絡, 職場訪問",
             "a@example.jp"],
            ["2024/01/25 11:00:00", "行政関係", "NPO法人", "４：どちらともいえない", "", "",
             "メールでの連絡, 手紙、はがき", ""],
        ],
        encoding="cp932",
    )  # fmt: skip
    table = read_responses(path, form)
    assert table.respondents == 2
    assert table.unmatched_columns == ("タイムスタンプ", "メールアドレス")
    assert list(table.response_ids) == ["1", "2"]
    affiliation = table.multi("affiliation")
    assert chosen(form, affiliation.selected, "affiliation") == [
        ["retention_support", "transition_support"],
        ["government"],
    ]
    assert table.choice("operating_body").codes.tolist() == [1, 2]
    assert table.choice("q01_securing_users").codes.tolist() == [6, 3]
    assert table.choice("q02_service_constraints").codes.tolist() == [0, MISSING_CODE]
    methods = table.multi("monitoring_methods")
    assert chosen(form, methods.selected, "monitoring_methods") == [
        ["phone", "workplace_visit"],
        ["email", "other"],
    ]
    # Google Forms writes the 'other' text into the same cell; it is kept as written.
    assert methods.other_text is not None
    assert methods.other_text.tolist() == [None, "手紙、はがき"]
    # Columns the file does not have are all missing.
    assert not table.multi("role").answered.any()


def test_utf8_with_bom_and_names(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(
        tmp_path / "names.csv",
        [
            ["response_id", "affiliation", "q01_securing_users", "monitoring_methods"],
            ["R1", "government education", "7", "phone line"],
            ["R2", "", "1", ""],
        ],
        encoding="utf-8-sig",
    )
    table = read_responses(path, form)
    assert list(table.response_ids) == ["R1", "R2"]
    assert table.unmatched_columns == ()
    assert table.multi("affiliation").answered.tolist() == [True, False]
    assert table.choice("q01_securing_users").codes.tolist() == [6, 0]


def test_microsoft_forms_xlsx_with_semicolons(tmp_path: Path, form: Instrument) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ID", "開始時刻", "完了時刻", "メール", "名前", "職務内容", "企業との連携",
                  "就職後の利用者の状態把握の方法"])  # fmt: skip
    sheet.append([1, "2024/1/25 10:00", "2024/1/25 10:05", "anonymous", None,
                  "支援者;管理者;", "５：やや課題である",
                  "家庭訪問;LINEなどでの連絡;"])  # fmt: skip
    sheet.append([2, "2024/1/25 11:00", "2024/1/25 11:05", "anonymous", None,
                  "サービス管理責任者;", 6, "オンラインフォーム;"])  # fmt: skip
    path = tmp_path / "msforms.xlsx"
    book.save(path)
    table = read_responses(path, form)
    assert list(table.response_ids) == ["1", "2"]
    assert table.unmatched_columns == ("開始時刻", "完了時刻", "メール", "名前")
    assert chosen(form, table.multi("role").selected, "role") == [
        ["support_worker", "administrator"],
        ["service_manager"],
    ]
    # A number typed into the cell reads as the option named 6.
    assert table.choice("q03_employer_collaboration").codes.tolist() == [4, 5]
    assert chosen(form, table.multi("monitoring_methods").selected, "monitoring_methods") == [
        ["home_visit", "line"],
        ["online_form"],
    ]


def test_kobo_csv_with_group_paths_and_one_column_per_option(
    tmp_path: Path, form: Instrument
) -> None:
    path = write_csv(
        tmp_path / "kobo.csv",
        [
            ["start", "end", "attributes/affiliation", "attributes/affiliation/government",
             "attributes/affiliation/education", "attributes/role/support_worker",
             "attributes/role/administrator", "challenges/q01_securing_users",
             "monitoring_methods", "monitoring_methods_other", "_id", "_uuid",
             "_submission_time", "_index", "__version__", "meta/instanceID"],
            ["t0", "t1", "government education", "1", "1", "1", "0", "3", "phone other",
             "手紙", "11", "uuid-a", "s", "1", "v1", "uuid:a"],
            ["t0", "t1", "", "0", "0", "0", "0", "", "", "", "12", "uuid-b", "s", "2", "v1",
             "uuid:b"],
            ["t0", "t1", "", "", "", "", "", "", "", "", "13", "uuid-c", "s", "3", "v1",
             "uuid:c"],
        ],
    )  # fmt: skip
    table = read_responses(path, form)
    assert list(table.response_ids) == ["uuid-a", "uuid-b", "uuid-c"]
    assert chosen(form, table.multi("affiliation").selected, "affiliation")[0] == [
        "government",
        "education",
    ]
    role = table.multi("role")
    assert chosen(form, role.selected, "role") == [["support_worker"], [], []]
    # All 0: answered, chose nothing; all blank: not answered.
    assert role.answered.tolist() == [True, True, False]
    methods = table.multi("monitoring_methods")
    assert methods.other_text is not None and methods.other_text[0] == "手紙"
    assert table.choice("q01_securing_users").codes.tolist() == [2, -1, -1]
    # The joined column is read; the per-option columns beside it are listed.
    assert "attributes/affiliation/government" in table.unmatched_columns
    assert "_submission_time" in table.unmatched_columns
    assert "_uuid" not in table.unmatched_columns  # it became the response ids


def test_limesurvey_csv(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(
        tmp_path / "lime.csv",
        [
            ["id", "submitdate", "lastpage", "startlanguage", "seed",
             "affiliation[retention_support]", "affiliation[government]",
             "monitoring_methods[phone]", "monitoring_methods[other]", "q01_securing_users"],
            ["5", "2024-01-25", "3", "ja", "123", "Y", "", "Y", "家族から", "2"],
            ["6", "2024-01-25", "3", "ja", "456", "", "Y", "", "", "5"],
        ],
    )  # fmt: skip
    table = read_responses(path, form)
    assert list(table.response_ids) == ["5", "6"]
    assert set(table.unmatched_columns) == {"submitdate", "lastpage", "startlanguage", "seed"}
    assert chosen(form, table.multi("affiliation").selected, "affiliation") == [
        ["retention_support"],
        ["government"],
    ]
    methods = table.multi("monitoring_methods")
    assert chosen(form, methods.selected, "monitoring_methods") == [["phone", "other"], []]
    assert methods.other_text is not None and methods.other_text.tolist() == ["家族から", None]


def test_width_space_and_case_variants(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(
        tmp_path / "variants.csv",
        [
            ["ｑ０１＿ｓｅｃｕｒｉｎｇ＿ｕｓｅｒｓ", " 事業所の設置法人 ", "Securing office staff"],
            ["７", "ＮＰＯ法人", " 7:非常に課題である"],
            [" 7 ", "Social Welfare Corporation", "７：非常に課題である"],
            ["7", "社会福祉法人\u3000", "7: A very serious challenge"],
        ],
    )
    table = read_responses(path, form)
    assert table.choice("q01_securing_users").codes.tolist() == [6, 6, 6]
    assert table.choice("operating_body").codes.tolist() == [2, 1, 1]
    assert table.choice("q07_securing_staff").codes.tolist() == [6, 6, 6]


def test_google_forms_grid_and_quoted_line_breaks(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(
        tmp_path / "grid.csv",
        [
            ["Timestamp", "次の事柄は、どの程度課題ですか。 [利用者の確保]",
             "次の事柄は、どの程度課題ですか。 [企業との連携]", "other_org_users_text"],
            ["x", "２：課題でない", "３：やや課題でない", "一行目\n二行目, \"引用\""],
            ["y", "", "", "  "],
        ],
    )  # fmt: skip
    table = read_responses(path, form)
    assert table.choice("q01_securing_users").codes.tolist() == [1, -1]
    assert table.choice("q03_employer_collaboration").codes.tolist() == [2, -1]
    assert table.text("other_org_users_text").values.tolist() == ['一行目\n二行目, "引用"', None]


def test_tsv_in_utf16_as_excel_saves_unicode_text(tmp_path: Path, form: Instrument) -> None:
    path = write_csv(
        tmp_path / "unicode.txt",
        [["所属", "利用者の確保"], ["教育関係", "3"]],
        encoding="utf-16",
        delimiter="\t",
    )
    table = read_responses(path, form)
    assert table.choice("q01_securing_users").codes.tolist() == [2]
    assert table.multi("affiliation").selected[0].sum() == 1
