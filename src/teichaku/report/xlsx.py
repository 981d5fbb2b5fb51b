"""`report.xlsx`: an index sheet, then one sheet per table, Japanese headers.

Every text (labels staff and respondents wrote) is stored as a string cell, never a
formula (`teichaku.cells.append_row`). Percentages are stored unrounded as numbers on a
0–100 scale and shown with one decimal (number format ``0.0``), so a reader can compute
with them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from teichaku.cells import append_row
from teichaku.report.appendix import AnswerList
from teichaku.report.sections import ranking
from teichaku.report.sentences import study_sentence
from teichaku.report.wording import (
    CODED_NOTE,
    INTERVAL_NOTE,
    KIND_NAMES,
    MULTI_CASES_NOTE,
    cross_warning,
    kind_of,
    percent_base_note,
    scale_scores,
    small_base_note,
    weighted_base_note,
    weighting_lines,
)
from teichaku.tabulate import (
    ChoiceTable,
    CodedTextTable,
    CrossTable,
    LikertTable,
    MultiTable,
    NumberTable,
    OrdinalTable,
    QuestionTable,
    SurveyTables,
)

PERCENT_FORMAT = "0.0"
INDEX_SHEET = "目次"
RANKING_SHEET = "順位"
APPENDIX_KIND = "自由記述の回答"
HEADER_FILL = PatternFill("solid", fgColor="E8ECF2")
BOLD = Font(bold=True)
_INVALID = re.compile(r"[\[\]:*?/\\]")


def sheet_name(wanted: str, used: set[str]) -> str:
    """A valid, unique (case-insensitively) sheet name of at most 31 characters.

    >>> sheet_name("a/b" * 20, set())
    'a_ba_ba_ba_ba_ba_ba_ba_ba_ba_ba'
    """
    base = _INVALID.sub("_", " ".join(wanted.split())).strip("'") or "sheet"
    name, suffix = base[:31], 2
    while name.lower() in used:
        tail = f"_{suffix}"
        name, suffix = base[: 31 - len(tail)] + tail, suffix + 1
    used.add(name.lower())
    return name


def cross_sheet_wanted(table: CrossTable) -> str:
    """「question × grouping」, the question's label shortened so the grouping's label fits.

    Sheets are named by the labels a reader knows, not by the questions' internal names.
    """
    by = f"×{table.by.label}"
    keep = max(31 - len(by), 12)
    return f"{table.question.label[:keep]}{by}"


def _row(sheet: Worksheet, values: Sequence[Any], *, percent: Sequence[int] = ()) -> None:
    append_row(sheet, values)
    for column in percent:
        sheet.cell(sheet.max_row, column + 1).number_format = PERCENT_FORMAT


def _header(sheet: Worksheet, values: Sequence[str]) -> None:
    append_row(sheet, values)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = BOLD, HEADER_FILL


def _title(sheet: Worksheet, title: str, lines: Sequence[str]) -> None:
    append_row(sheet, [title])
    sheet.cell(1, 1).font = Font(bold=True, size=12)
    for line in lines:
        append_row(sheet, [line])
    sheet.append([])


def _question_sheet(sheet: Worksheet, table: QuestionTable) -> None:
    q = table.question
    lines = [f"設問名：{q.name}", f"種類：{KIND_NAMES[kind_of(table)]}", percent_base_note(table)]
    sentence = study_sentence(table)
    if sentence:
        lines.append(sentence)
    if isinstance(table, CodedTextTable):
        lines.append(CODED_NOTE)
    if isinstance(table, MultiTable) and table.percent_base == "cases":
        lines.append(MULTI_CASES_NOTE)
    caution = small_base_note(table)
    if caution:
        lines.append(caution)
    based = weighted_base_note(table)
    if based:
        lines.append(based)
    if isinstance(table, ChoiceTable | MultiTable):
        lines.append(INTERVAL_NOTE)
    _title(sheet, q.label, lines)
    if isinstance(table, ChoiceTable):
        _header(sheet, ["選択肢", "値", "度数", "％"])
        for o in table.options:
            _row(sheet, [o.label, o.value, o.count, o.percent], percent=[3])
        _row(sheet, ["有効回答数", None, table.n, 100.0 if table.n else None], percent=[3])
        _row(sheet, ["無回答", None, table.missing])
        if isinstance(table, OrdinalTable):
            sheet.append([])
            _header(sheet, ["指標", "値"])
            stats: list[tuple[str, object]] = []
            if isinstance(table, LikertTable):
                stats += [("低群％", table.low_percent), ("中立％", table.neutral_percent)]
                stats += [("高群％", table.high_percent)]
            else:
                stats += [("得点", scale_scores(q))]
            stats += [("平均", table.mean), ("標準偏差", table.sd), ("中央値", table.median)]
            stats += [("平均の95％信頼区間（下限）", table.mean_ci_low)]
            stats += [("平均の95％信頼区間（上限）", table.mean_ci_high)]
            for label, value in stats:
                _row(sheet, [label, value], percent=[1] if label.endswith("％") else [])
        _interval_block(sheet, table)
    elif isinstance(table, MultiTable):
        _header(sheet, ["選択肢", "値", "度数", "％", "％（回答者ベース）", "％（延べ回答ベース）"])
        for o in table.options:
            values = [o.label, o.value, o.count, o.percent]
            _row(sheet, [*values, o.percent_of_cases, o.percent_of_responses], percent=[3, 4, 5])
        for label, value in (
            ("延べ回答数", table.mentions),
            ("回答者数（1つ以上選択）", table.cases),
            ("いずれも選択せず", table.none_selected),
            ("有効回答数", table.n),
            ("無回答", table.missing),
        ):
            _row(sheet, [label, None, value])
        _interval_block(sheet, table)
    elif isinstance(table, CodedTextTable):
        _header(sheet, ["カテゴリー", "コード", "記述数", "％"])
        for c in table.codes:
            _row(sheet, [c.label, c.code, c.count, c.percent_of_descriptions], percent=[3])
        for label, value in (
            ("記述数（基数）", table.descriptions),
            ("カテゴリーを付与した記述", table.coded),
            ("付与したカテゴリーの延べ数", table.assignments),
            ("無回答", table.missing),
        ):
            _row(sheet, [label, None, value])
    else:
        _header(sheet, ["指標", "値"])
        rows: list[tuple[str, Any]] = [("有効回答数", table.n), ("無回答", table.missing)]
        if isinstance(table, NumberTable):
            rows += [("平均", table.mean), ("標準偏差", table.sd), ("中央値", table.median)]
            rows += [("最小", table.minimum), ("最大", table.maximum)]
        for label, value in rows:
            _row(sheet, [label, value])


def _interval_block(sheet: Worksheet, table: ChoiceTable | MultiTable) -> None:
    """Each option's 95 % Wilson interval, in percent (multiple choice: of the cases).

    A block of its own under the counts, so the counts table keeps its columns.
    """
    sheet.append([])
    _header(sheet, ["選択肢", "値", "95％信頼区間 下限％", "95％信頼区間 上限％"])
    for o in table.options:
        _row(sheet, [o.label, o.value, o.ci_low, o.ci_high], percent=[2, 3])


def _cross_sheet(sheet: Worksheet, table: CrossTable) -> None:
    _title(
        sheet,
        f"{table.question.label} × {table.by.label}",
        [f"行：{table.question.name}　列：{table.by.name}"],
    )
    width = len(table.column_labels)
    for caption, cells, percent in (
        ("度数", table.counts, False),
        ("行％", table.row_percent, True),
        ("列％", table.column_percent, True),
    ):
        append_row(sheet, [caption])
        sheet.cell(sheet.max_row, 1).font = BOLD
        _header(sheet, ["", *table.column_labels, "合計"])
        for i, label in enumerate(table.row_labels):
            total: Any = table.row_totals[i] if not percent else None
            _row(sheet, [label, *cells[i], total], percent=range(1, width + 1) if percent else [])
        if not percent:
            _row(sheet, ["合計", *table.column_totals, table.total])
        sheet.append([])
    for label, value in (
        ("χ²", table.chi2),
        ("自由度", table.dof),
        ("p値", table.p_value),
        ("クラメールのV", table.cramers_v),
        ("最小期待度数", table.min_expected),
        ("注意", cross_warning(table)),
    ):
        _row(sheet, [label, value])


def _answers_sheet(sheet: Worksheet, listed: AnswerList) -> None:
    """Every non-empty answer of one text question, with the respondent's attributes."""
    q = listed.question
    lines = [f"設問名：{q.name}", f"記述数：{len(listed.answers)}件（無回答 {listed.missing}件）"]
    _title(sheet, f"{q.label}（自由記述の回答）", lines)
    _header(sheet, ["No.", "回答ID", "記述", *(a.label for a in listed.attributes)])
    for number, answer in enumerate(listed.answers, start=1):
        attributes = [answer.attributes.get(a.name, "") for a in listed.attributes]
        _row(sheet, [number, answer.response_id, answer.text, *attributes])


def write_xlsx_report(
    tables: SurveyTables, path: Path, appendix: Sequence[AnswerList] = ()
) -> None:
    """Write the workbook: 目次, one sheet per question, 順位 (Likert ranking), cross tables,
    then a sheet of answers per text question of `appendix` (`report.appendix`).

    >>> from teichaku.instrument import load_instrument
    >>> from teichaku.responses import responses_from_records
    >>> from teichaku.tabulate import tabulate_survey
    >>> form = load_instrument("retention-challenges-2024")
    >>> tables = tabulate_survey(responses_from_records(form, [{"q01_securing_users": "7"}]))
    >>> import tempfile
    >>> from openpyxl import load_workbook
    >>> folder = tempfile.TemporaryDirectory()
    >>> write_xlsx_report(tables, Path(folder.name) / "report.xlsx")
    >>> names = load_workbook(Path(folder.name) / "report.xlsx").sheetnames
    >>> names[:3], names[-1]
    (['目次', '所属', '事業所の設置法人'], '順位')
    >>> folder.cleanup()
    """
    book = Workbook()
    index = book.active
    assert index is not None
    index.title = INDEX_SHEET
    used = {INDEX_SHEET.lower(), RANKING_SHEET.lower()}
    weighted = weighting_lines(tables.weighting)
    _title(index, f"{tables.title}　集計表", [f"回答者数：{tables.respondents}人", *weighted])
    _header(index, ["No.", "シート", "設問名", "設問", "種類", "有効回答数", "無回答"])
    entries: list[tuple[str, QuestionTable | CrossTable]] = [
        (sheet_name(t.question.label, used), t) for t in tables.questions
    ]
    entries += [(sheet_name(cross_sheet_wanted(t), used), t) for t in tables.cross_tables]
    ranked = ranking(tables)
    for number, (name, table) in enumerate(entries, start=1):
        sheet = book.create_sheet(name)
        if isinstance(table, CrossTable):
            _cross_sheet(sheet, table)
            values = [
                number,
                name,
                table.question.name,
                f"{table.question.label} × {table.by.label}",
            ]
            _row(index, [*values, "クロス集計", table.total, None])
        else:
            _question_sheet(sheet, table)
            values = [number, name, table.question.name, table.question.label]
            _row(index, [*values, KIND_NAMES[kind_of(table)], table.n, table.missing])
        quoted = name.replace("'", "''")  # a quote inside a quoted sheet reference is doubled
        index.cell(index.max_row, 2).hyperlink = f"#'{quoted}'!A1"
        _widths(sheet)
    if ranked:
        sheet = book.create_sheet(RANKING_SHEET)
        _title(sheet, "リッカート項目の順位（高群の割合の大きい順）", [])
        _header(sheet, ["順位", "設問名", "項目", "高群％", "最頻値", "最頻値％", "有効回答数"])
        for row in ranked:
            t = row.table
            values = [row.rank, t.question.name, t.question.label, t.high_percent, row.modes]
            _row(sheet, [*values, t.mode_percent, t.n], percent=[3, 5])
        _row(
            index, [len(entries) + 1, RANKING_SHEET, "", "リッカート項目の順位", "要約", None, None]
        )
        index.cell(index.max_row, 2).hyperlink = f"#'{RANKING_SHEET}'!A1"
        _widths(sheet)
    for number, listed in enumerate(appendix, start=index.max_row - 3):
        name = sheet_name(f"回答_{listed.question.label}", used)
        sheet = book.create_sheet(name)
        _answers_sheet(sheet, listed)
        values = [number, name, listed.question.name, listed.question.label]
        _row(index, [*values, APPENDIX_KIND, len(listed.answers), listed.missing])
        quoted = name.replace("'", "''")
        index.cell(index.max_row, 2).hyperlink = f"#'{quoted}'!A1"
        _widths(sheet)
        sheet.column_dimensions["A"].width = 6
        sheet.column_dimensions["C"].width = 60
    _widths(index)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _widths(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 36
    for letter in "BCDEFGH":
        sheet.column_dimensions[letter].width = 14
    for row in sheet.iter_rows(min_row=1, max_row=6, max_col=1):
        row[0].alignment = Alignment(wrap_text=False)
