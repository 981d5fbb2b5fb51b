"""Our file template for the 就労パスポート: one row per item, read strictly.

Staff copy the MHLW form's answers into it (CSV or XLSX), one row per item:
`項目区分 (section), 項目 (item), 記入内容 (text)`. `項目区分` is a section's number (1-7),
title or key, or 情報の提供元 (0). A section's text becomes its items in file order, each as
`【item】text`. Rows whose text is blank are template rows left unfilled: counted, not used.
Every problem names the file, the row, the column and the value; any problem refuses the
whole file.

>>> rows = [["項目区分", "項目", "記入内容"], ["1", "職歴", "事務補助3年"],
...         ["作業遂行面", "指示", "メモで"]]
>>> read_rows(rows, "p.csv").sections["task_performance"]
'【指示】メモで'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from teichaku.practice.handover import PASSPORT_SECTIONS
from teichaku.spreadsheets import SMALL_LIMITS, SpreadsheetError, read_sheets
from teichaku.textfiles import decode
from teichaku.textform import normal_form

SOURCE = "source_organisation"
SOURCE_TITLE = "情報の提供元"
HEADERS = (("項目区分", "section"), ("項目", "item"), ("記入内容", "text"))
MAX_BYTES = 1_000_000
MAX_ROWS = 500
MAX_ITEM = 100
MAX_TEXT = 4000
MAX_SOURCE = 200
MAX_SHOWN = 20

# The template's rows: each section with the items the MHLW form asks about (a guide; staff
# may add rows and name other items).
TEMPLATE_ITEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (SOURCE, ("提供元の機関名",)),
    ("work_experience", ("職歴・実習歴", "仕事の内容", "期間")),
    ("strengths", ("仕事上のアピールポイント",)),
    ("health_and_work_style", ("体調管理の工夫", "希望する働き方(時間・日数)", "通院・服薬")),
    ("communication", ("得意なこと", "配慮してほしいこと")),
    ("task_performance", ("得意なこと", "配慮してほしいこと")),
    ("self_check", ("就職後に確認したいこと",)),
    ("support_agencies", ("機関名・担当者・連絡先",)),
)


class PassportFileError(ValueError):
    """A file that cannot be imported; `problems` are Japanese, one per row/column/value."""

    def __init__(self, origin: str, problems: list[str]) -> None:
        self.origin = origin
        self.problems = problems
        shown = problems[:MAX_SHOWN]
        more = len(problems) - len(shown)
        tail = f"\n… ほか{more}件" if more else ""
        super().__init__(f"{origin}: 取り込めません:\n" + "\n".join(shown) + tail)


@dataclass(frozen=True)
class PassportFile:
    sections: dict[str, str]  # section key (or source_organisation) -> text
    items: int  # rows with text
    blank: int  # template rows left unfilled


def _section_names() -> dict[str, str]:
    names = {"0": SOURCE, normal_form(SOURCE_TITLE): SOURCE, SOURCE: SOURCE}
    for number, (key, title) in enumerate(PASSPORT_SECTIONS, start=1):
        names[str(number)] = key
        names[normal_form(title)] = key
        names[key] = key
    return names


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def section_title(key: str) -> str:
    return SOURCE_TITLE if key == SOURCE else dict(PASSPORT_SECTIONS)[key]


def read_rows(rows: Iterable[Sequence[object]], origin: str) -> PassportFile:
    """Rows (the first is the header) as the sections' texts, or PassportFileError."""
    problems: list[str] = []
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        raise PassportFileError(origin, ["ファイルが空です(1行目に見出しが必要です)"])
    cells = [normal_form(str(c or "")) for c in header]
    while cells and not cells[-1]:
        cells.pop()
    expected = [ja for ja, _en in HEADERS]
    accepted = [{ja, en} for ja, en in HEADERS]
    if len(cells) != 3 or any(c not in ok for c, ok in zip(cells, accepted, strict=False)):
        raise PassportFileError(
            origin,
            [
                f"1行目(見出し): {', '.join(cells) or '(空)'!s} — 見出しは"
                f"「{'、'.join(expected)}」の3列にしてください"
            ],
        )
    names = _section_names()
    texts: dict[str, list[str]] = {}
    items = blank = 0
    for line, row in enumerate(iterator, start=2):
        if line > MAX_ROWS + 1:  # blank rows count: a row far down costs every row above it
            problems.append(f"{line}行目: 行が多すぎます(最大{MAX_ROWS}行、空の行も数えます)")
            break
        values = [_cell(c) for c in row]
        if not any(v.strip() for v in values):
            continue
        extra = [v for v in values[3:] if v.strip()]
        if extra:
            problems.append(f"{line}行目 D列以降: {extra[0]!r} — 3列目より右には書けません")
        values = [*values, "", "", ""][:3]
        section_text, item, text = values[0], values[1].strip(), values[2].strip()
        key = names.get(normal_form(section_text))
        if key is None:
            problems.append(
                f"{line}行目 A列(項目区分): {section_text!r} — 0〜7の番号か項目区分名"
                f"(例: 職務経験、作業遂行面、情報の提供元)を書いてください"
            )
        if not item:
            problems.append(f"{line}行目 B列(項目): 空欄 — 項目名を書いてください")
        elif len(item) > MAX_ITEM:
            problems.append(
                f"{line}行目 B列(項目): {item[:20]!r}… — {MAX_ITEM}文字以内にしてください"
            )
        if not text:
            blank += 1
            continue
        limit = MAX_SOURCE if key == SOURCE else MAX_TEXT
        if len(text) > limit:
            problems.append(
                f"{line}行目 C列(記入内容): {len(text)}文字 — {limit}文字以内にしてください"
            )
        if key is None or not item:
            continue
        items += 1
        if key == SOURCE:
            texts.setdefault(key, []).append(text)
        else:
            texts.setdefault(key, []).append(f"【{item}】{text}")
    if SOURCE in texts and len(texts[SOURCE]) > 1:
        problems.append(
            f"A列(項目区分) {SOURCE_TITLE}: {len(texts[SOURCE])}行 — 1行だけにしてください"
        )
    for key, parts in texts.items():
        if key != SOURCE and len("\n".join(parts)) > MAX_TEXT:
            problems.append(
                f"A列(項目区分) {section_title(key)}: 合計{len(chr(10).join(parts))}文字 — "
                f"1つの項目区分は{MAX_TEXT}文字以内にしてください"
            )
    if problems:
        raise PassportFileError(origin, problems)
    if not items:
        raise PassportFileError(origin, ["記入内容(C列)のある行が1行もありません"])
    return PassportFile({k: "\n".join(v) for k, v in texts.items()}, items, blank)


def read_file(data: bytes, filename: str) -> PassportFile:
    """A CSV (UTF-8, BOM or CP932) or XLSX file of the template."""
    lower = filename.lower()
    if len(data) > MAX_BYTES:
        raise PassportFileError(filename, [f"ファイルが大きすぎます(最大{MAX_BYTES:,}バイト)"])
    if lower.endswith(".csv"):
        try:
            text, _encoding = decode(data, filename)
        except UnicodeDecodeError as error:
            raise PassportFileError(
                filename, [f"文字コードを読めません(UTF-8 か Shift_JIS で保存): {error}"]
            ) from None
        return read_rows(csv.reader(io.StringIO(text)), filename)
    if lower.endswith(".xlsx"):
        return read_rows(_xlsx_rows(data, filename), filename)
    raise PassportFileError(filename, ["ファイルの形式: .csv か .xlsx にしてください"])


def _xlsx_rows(data: bytes, filename: str) -> list[tuple[object, ...]]:
    try:
        sheets = read_sheets(data, filename, SMALL_LIMITS)
    except SpreadsheetError as error:
        raise PassportFileError(filename, [error.problem]) from None
    if len(sheets) != 1:
        names = "、".join(sheets)
        raise PassportFileError(filename, [f"シート: {names} — シートは1枚だけにしてください"])
    return next(iter(sheets.values()))


def template_rows() -> list[list[str]]:
    rows = [[ja for ja, _en in HEADERS]]
    for key, items in TEMPLATE_ITEMS:
        rows.extend([section_title(key), item, ""] for item in items)
    return rows


def template_csv() -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(template_rows())
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "就労パスポート"
    for row in template_rows():
        sheet.append(row)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
