"""The monthly report's draft (five sections, nothing internal) and the
サービス提供実績記録票 (one row per contact of the month)."""

from __future__ import annotations

import calendar
import csv
import doctest
import io
from datetime import date
from decimal import Decimal

import pytest

from teichaku.cells import csv_row
from teichaku.practice import report_draft, service_record
from teichaku.practice.report_draft import SECTIONS, ContactLine, JobLine, draft_report
from teichaku.practice.service_record import CSV_HEADER, csv_rows

MAY = date(2025, 5, 1)
NOTE = "服薬の変更について主治医と相談(内部)"
STEP = "上司に体調の件を確認(内部)"
LINES = [
    ContactLine(date(2025, 5, 20), "電話", "本人", False, 10, NOTE, STEP),
    ContactLine(date(2025, 5, 3), "職場訪問", "本人・企業", True, 40, NOTE, ""),
    ContactLine(date(2025, 5, 3), "面談(事業所)", "本人", True, None, "", STEP),
]


@pytest.mark.parametrize("module", [report_draft, service_record])
def test_docstring_examples(module: object) -> None:
    failed, _ = doctest.testmod(module)  # type: ignore[arg-type]
    assert failed == 0


def test_the_draft_has_the_five_sections_in_print_order() -> None:
    draft = draft_report(MAY, LINES)
    assert [title for _, title, _ in draft.sections()] == [
        "就労状況",
        "生活面",
        "課題",
        "支援内容",
        "次月の予定",
    ]
    assert [key for key, _ in SECTIONS] == ["work", "life", "issues", "support", "next_month"]


def test_the_draft_never_copies_internal_notes_or_compliance_counts() -> None:
    text = "\n".join(t for _, _, t in draft_report(MAY, LINES).sections())
    assert NOTE not in text and STEP not in text
    # No count of supports, of face-to-face supports or minutes; no rule wording.
    for word in ("回", "分", "対面", "必要", "40", "10"):
        assert word not in text, word


def test_the_support_section_lists_each_contact_of_the_month_in_day_order() -> None:
    april = ContactLine(date(2025, 4, 30), "電話", "本人", False, 5, "", "")
    support = draft_report(MAY, [*LINES, april]).support.splitlines()
    assert support == [
        "・5月3日 職場訪問(本人・企業)",
        "・5月3日 面談(事業所)(本人)",
        "・5月20日 電話(本人)",
    ]


def test_work_lists_the_jobs_held_in_the_month_with_a_leaving_day_in_it() -> None:
    jobs = [
        JobLine("架空製作所", "", None, date(2020, 1, 6), date(2025, 4, 30)),  # left before May
        JobLine("架空商事", "事務補助", Decimal("17.5"), date(2024, 4, 1), date(2025, 5, 16)),
        JobLine("架空物流", "仕分け", Decimal("20.0"), date(2025, 5, 19), None),
        JobLine("架空食品", "", None, date(2025, 6, 2), None),  # starts after May
    ]
    assert draft_report(MAY, [], jobs=jobs).work.splitlines() == [
        "・架空商事(事務補助)に2024年4月1日から勤務(週17.5時間)、2025年5月16日に離職",
        "・架空物流(仕分け)に2025年5月19日から勤務(週20時間)",
    ]


def test_an_empty_month_says_so_and_the_plans_goals_open_the_issues() -> None:
    draft = draft_report(MAY, [], goals=["体調を崩さず週5日勤務する", " "])
    assert draft.support == "・この月の支援の記録はありません。"
    assert draft.work == "・この月に在職中の雇用の記録はありません。"
    assert draft.issues.splitlines() == ["【計画の目標】", "・体調を崩さず週5日勤務する"]
    assert draft.life == draft.next_month == ""


def test_the_sheet_has_one_row_per_contact_with_weekday_and_totals() -> None:
    sheet = service_record.service_record(MAY, LINES)
    assert len(sheet.rows) == len(LINES)
    assert [r.day for r in sheet.rows] == sorted(c.day for c in LINES)
    # The weekday from the calendar module, not from our table.
    for row in sheet.rows:
        name = calendar.day_name[row.day.weekday()]
        assert "月火水木金土日"[list(calendar.day_name).index(name)] == row.weekday
    assert sheet.rows[0].weekday == "土"  # 2025-05-03 was a Saturday
    assert (sheet.supports, sheet.face_to_face, sheet.minutes) == (3, 2, 50)
    assert sheet.heading == "令和7年5月分"


def test_a_contact_of_another_month_is_refused_with_its_day() -> None:
    with pytest.raises(ValueError, match="2025-06-01"):
        service_record.service_record(
            MAY, [ContactLine(date(2025, 6, 1), "電話", "本人", False, 5, "", "")]
        )


def test_the_csv_rows_read_back_with_the_form_text_escaped() -> None:
    odd = ContactLine(date(2025, 5, 9), '=HYPERLINK("x")', "本人", False, None, NOTE, "")
    sheet = service_record.service_record(MAY, [*LINES, odd])
    rows = csv_rows(
        sheet, office_number="9900000001", office_name="架空事業所", person_name="@架空"
    )
    out = io.StringIO()
    csv.writer(out).writerows(csv_row(r) for r in rows)
    read = list(csv.reader(io.StringIO(out.getvalue())))
    assert read[0] == list(CSV_HEADER)
    assert len(read) == 1 + len(LINES) + 1
    assert all(r[4] == "'@架空" for r in read[1:])
    assert read[3][5:] == ["2025-05-09", "金", '\'=HYPERLINK("x")', "本人", "非対面", "", ""]
    assert NOTE not in out.getvalue()
