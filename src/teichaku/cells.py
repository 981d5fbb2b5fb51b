"""Cells of the CSV and XLSX files we write: text people typed never runs as a formula.

A spreadsheet program opening a CSV treats a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula ("CSV injection"). Every CSV writer of text
that respondents or staff wrote passes each cell through `csv_cell` (or a row through
`csv_row`), which neutralises such a cell the OWASP way: a leading ``'``. A text that
already starts with ``'`` gets one more, so that `read_csv_cell` — used by the readers of
our own CSVs (codebooks, codings, answers) — gives back exactly the text written. Numbers
stay numbers: only text is escaped. The raw text is kept in ``.sav`` and ``tables.json``.

In XLSX files, `append_row` stores every text as a string cell, never a formula, so no
escaping is needed (or wanted) there. XML cannot hold most control characters (U+0000–U+001F
but tab, LF and CR): each becomes U+FFFD there, so a stray control character in an answer
never stops a download.

>>> csv_row(["=1+1", "-3", -3, "'quoted", "plain"])
["'=1+1", "'-3", -3, "''quoted", 'plain']
>>> [read_csv_cell(cell) for cell in ["'=1+1", "'-3", "''quoted", "plain", "'90s"]]
['=1+1', '-3', "'quoted", 'plain', "'90s"]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_ESCAPED_STARTS = (*FORMULA_STARTS, QUOTE)


def csv_cell(value: Any) -> Any:
    """A cell for a CSV file: a text a spreadsheet would run gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(_ESCAPED_STARTS):
        return QUOTE + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """`csv_cell` of every cell of a row."""
    return [csv_cell(value) for value in values]


def read_csv_cell(text: str) -> str:
    """Undo `csv_cell` on a cell of a CSV file we wrote (a hand-written cell is unchanged
    unless it starts with ``'`` followed by one of the escaped characters)."""
    if text.startswith(QUOTE) and text[1:].startswith(_ESCAPED_STARTS):
        return text[1:]
    return text


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """A value for an openpyxl worksheet: a text becomes a string cell, never a formula."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

    cell = Cell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    cell.data_type = "s"
    return cell


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet, every text stored as a string, not a formula."""
    sheet.append([xlsx_cell(sheet, value) for value in values])
