"""The one reader of user spreadsheets (.xlsx): rows streamed, every limit counted.

Every XLSX a user gives us — responses, XLSForms, the 就労パスポート — is read here, so one
set of rules guards them all:

- the zip is checked before openpyxl opens it: a workbook whose parts unpack to more than
  `SheetLimits.unzipped_bytes`, or a large part packed more tightly than real sheets ever
  are (`MAX_PACKING`), is refused — a zip bomb never reaches the XML parser;
- sheets are read in openpyxl's read-only mode with the declared ``<dimension>`` dropped
  (`reset_dimensions`), so a 2 KB file that claims ``A1:XFD1048576`` costs what it holds;
- rows are counted as they stream, blank rows included (a row far down the sheet counts all
  the rows above it), and reading stops at `SheetLimits.rows`; a row wider than
  `SheetLimits.columns` (trailing empty cells trimmed first) stops it too.

A refusal is a `SpreadsheetError` naming the file, the sheet, the row and the limit, raised
within seconds whatever the file declares.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from teichaku.bilingual import worded

Row = tuple[object, ...]

MAX_PACKING = 250  # real sheets pack 5–50 : 1; DEFLATE's ceiling is about 1,030 : 1
_PACKING_FROM = 16 << 20  # parts smaller than this may pack as tightly as they like


@dataclass(frozen=True)
class SheetLimits:
    """How much of a workbook one kind of file may hold."""

    rows: int  # per workbook, blank rows counted
    columns: int  # per row, after trailing empty cells are trimmed
    unzipped_bytes: int  # all parts of the zip, unpacked


# Responses: a header and a million respondents, a wide questionnaire (2,000 columns).
RESPONSE_LIMITS = SheetLimits(rows=1_000_001, columns=2_000, unzipped_bytes=2 << 30)
# An XLSForm: its survey, choices and settings sheets together.
FORM_LIMITS = SheetLimits(rows=20_000, columns=200, unzipped_bytes=64 << 20)
# Small tables typed by staff (the 就労パスポート template).
SMALL_LIMITS = SheetLimits(rows=5_000, columns=50, unzipped_bytes=16 << 20)


# A damaged file, or another kind of file named .xlsx (said without the library's own text).
UNREADABLE = (
    "Excel ファイルとして開けません(壊れているか、.xlsx 形式ではありません)",
    "not a readable XLSX file (damaged, or not in the .xlsx format)",
)


class SpreadsheetError(ValueError):
    """A workbook refused: `problem` in Japanese, `problem_en` in English."""

    def __init__(self, filename: str, problem: str, problem_en: str) -> None:
        self.filename = filename
        self.problem = problem
        self.problem_en = problem_en
        super().__init__(f"{filename}: {problem}({problem_en})")
        worded(self, f"{filename}: {problem}")


def read_sheets(
    source: Path | bytes,
    filename: str,
    limits: SheetLimits,
    *,
    sheets: Sequence[str | int] | None = None,
) -> dict[str, list[Row]]:
    """The rows of a workbook's sheets (all, or those named/numbered in `sheets`), in order.

    Each row is a tuple of cell values (None for an empty cell) with trailing empty cells
    trimmed; a blank row is ``()``, so that ``rows[i]`` is the sheet's row ``i + 1``.

    >>> from openpyxl import Workbook
    >>> book = Workbook()
    >>> book.active.title = "survey"
    >>> book.active.append(["type", "name", "label", None])
    >>> book.active.append([])
    >>> book.active.append(["integer", "age", "年齢"])
    >>> data = io.BytesIO()
    >>> book.save(data)
    >>> read_sheets(data.getvalue(), "form.xlsx", FORM_LIMITS)
    {'survey': [('type', 'name', 'label'), (), ('integer', 'age', '年齢')]}
    """
    check_zip(source, filename, limits)
    from openpyxl import load_workbook

    try:
        book = load_workbook(
            io.BytesIO(source) if isinstance(source, bytes) else source,
            read_only=True,
            data_only=True,
        )
    except Exception:  # openpyxl raises many kinds for a damaged file; their text is its own
        raise SpreadsheetError(filename, *UNREADABLE) from None
    try:
        names = list(book.sheetnames)
        wanted = names if sheets is None else [_sheet_name(s, names, filename) for s in sheets]
        counter = _Counter(filename, limits)
        result: dict[str, list[Row]] = {}
        for name in wanted:
            worksheet = book[name]
            worksheet.reset_dimensions()
            rows = worksheet.iter_rows(values_only=True)
            result[name] = list(counter.rows(name, rows))
        return result
    finally:
        book.close()


def check_zip(source: Path | bytes, filename: str, limits: SheetLimits) -> None:
    """Refuse a workbook whose parts unpack to an absurd size, from the zip's own index."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError):
        raise SpreadsheetError(filename, *UNREADABLE) from None
    total = sum(info.file_size for info in infos)
    if total > limits.unzipped_bytes:
        raise SpreadsheetError(
            filename,
            f"展開すると {total:,} バイトになり、上限 {limits.unzipped_bytes:,} バイトを超えます",
            f"unpacks to {total:,} bytes; the limit is {limits.unzipped_bytes:,}",
        )
    for info in infos:
        if info.file_size > _PACKING_FROM and info.file_size > MAX_PACKING * max(
            info.compress_size, 1
        ):
            raise SpreadsheetError(
                filename,
                f"{info.filename} の圧縮率が異常です({info.compress_size:,} → "
                f"{info.file_size:,} バイト、上限 {MAX_PACKING}倍)",
                f"{info.filename} packs {info.file_size:,} bytes into "
                f"{info.compress_size:,}; more than {MAX_PACKING}:1 is refused",
            )


def _sheet_name(wanted: str | int, names: list[str], filename: str) -> str:
    listed = ", ".join(names)
    if isinstance(wanted, int):
        if 0 <= wanted < len(names):
            return names[wanted]
        raise SpreadsheetError(
            filename,
            f"{wanted + 1}枚目のシートはありません。シート: {listed}",
            f"no sheet number {wanted}; sheets: {listed}",
        )
    if wanted in names:
        return wanted
    raise SpreadsheetError(
        filename,
        f"シート {wanted!r} はありません。シート: {listed}",
        f"no sheet {wanted!r}; sheets: {listed}",
    )


class _Counter:
    """Counts rows across a workbook's sheets and checks every row's width."""

    def __init__(self, filename: str, limits: SheetLimits) -> None:
        self.filename = filename
        self.limits = limits
        self.count = 0

    def rows(self, sheet: str, rows: Iterator[Sequence[object]]) -> Iterator[Row]:
        limits = self.limits
        for number, row in enumerate(rows, start=1):
            self.count += 1
            if self.count > limits.rows:
                raise SpreadsheetError(
                    self.filename,
                    f"シート {sheet!r} {number:,}行目: 行が多すぎます"
                    f"(上限 {limits.rows:,} 行、空の行も数えます)",
                    f"sheet {sheet!r}, row {number:,}: too many rows; the limit is "
                    f"{limits.rows:,} rows, blank rows included",
                )
            end = len(row)
            while end and (row[end - 1] is None or row[end - 1] == ""):
                end -= 1
            if end > limits.columns:
                raise SpreadsheetError(
                    self.filename,
                    f"シート {sheet!r} {number:,}行目: 列が多すぎます"
                    f"({end:,}列、上限 {limits.columns:,} 列)",
                    f"sheet {sheet!r}, row {number:,}: {end:,} columns; the limit is "
                    f"{limits.columns:,}",
                )
            yield tuple(row[:end]) if end else ()
