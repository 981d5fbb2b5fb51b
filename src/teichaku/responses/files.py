"""Response files as raw text: every cell a string, an empty cell the empty string.

Each column comes back factorized — one code per row into a list of the column's distinct
texts — because everything after this (matching headers and values) works on distinct
texts only, never cell by cell. CSV goes through Arrow's multi-threaded reader straight into
dictionary-encoded columns, which is what makes a million rows cheap; pandas reads the odd
CSV Arrow refuses (short rows), and XLSX goes through
`teichaku.spreadsheets` (streamed, limited) so that row numbers are Excel's.

Encodings: UTF-8, UTF-8 with BOM, UTF-16 with BOM (Excel's "Unicode text") and CP932
(Japanese Excel's "CSV"), told apart from the bytes.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import mmap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pa_compute  # type: ignore[import-untyped]
import pyarrow.csv as pa_csv  # type: ignore[import-untyped]

from teichaku.bilingual import japanese_of, worded
from teichaku.responses.errors import ResponseFileError
from teichaku.spreadsheets import RESPONSE_LIMITS, SpreadsheetError, read_sheets
from teichaku.textfiles import detect_encoding

CSV_SUFFIXES = (".csv", ".tsv", ".tab", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_SAMPLE_BYTES = 1 << 16
_DICTIONARY = pa.dictionary(pa.int32(), pa.string())

Codes = npt.NDArray[np.signedinteger[Any]]  # one code per row into a column's distinct texts


class RawColumn:
    """One column of a file: its header and its cells, as text.

    `factorized` gives one code per row into the column's distinct texts — what choice and
    number columns are read through; `strings` gives every row's text — what ids and free
    text are read through. Each is computed once, on first use.
    """

    def __init__(
        self,
        header: str,
        *,
        codes: Codes | None = None,
        texts: Sequence[str] = (),
        arrow: Any = None,
    ) -> None:
        self.header = header
        self._arrow = arrow  # a dictionary-encoded pyarrow ChunkedArray, when Arrow read it
        self._factorized = (
            None if codes is None else (codes, np.array(list(texts) or [""], dtype=object))
        )
        self._strings: npt.NDArray[np.object_] | None = None

    def factorized(self) -> tuple[Codes, npt.NDArray[np.object_]]:
        """``(codes, texts)``: ``texts[codes[i]]`` is the cell in data row i, as written.

        ``texts`` is never empty, so that it can be indexed even for a file without rows.
        """
        if self._factorized is None:
            combined = self._arrow.combine_chunks()
            if not pa.types.is_dictionary(combined.type):
                combined = pa_compute.dictionary_encode(combined)
            codes = combined.indices.to_numpy(zero_copy_only=False)  # int32: index as is
            texts = combined.dictionary.to_numpy(zero_copy_only=False)
            self._factorized = (codes, texts if len(texts) else np.array([""], dtype=object))
        return self._factorized

    def strings(self) -> npt.NDArray[np.object_]:
        """Every row's text, stripped of white space at both ends ("" for a blank cell)."""
        if self._strings is None:
            if self._arrow is not None and not self.few_distinct():
                decoded = pa_compute.utf8_trim_whitespace(self._arrow.cast(pa.string()))
                self._strings = np.asarray(decoded.to_numpy(zero_copy_only=False), dtype=object)
            else:
                codes, texts = self.factorized()
                stripped = np.array([str(text).strip() for text in texts], dtype=object)
                self._strings = stripped[codes]
        return self._strings

    def few_distinct(self) -> bool:
        """Whether the column repeats its texts, so that reading it factorized is cheap."""
        if self._factorized is not None or self._arrow.num_chunks == 0:
            return True
        if not pa.types.is_dictionary(self._arrow.type):
            return False  # read as plain text: ids, which are all distinct
        first = self._arrow.chunk(0)
        return bool(len(first.dictionary) * 4 <= len(first))

    def is_blank(self) -> bool:
        """True when no cell of the column holds anything but white space."""
        _, texts = self.factorized()
        return all(not str(text).strip() for text in texts)


@dataclass(frozen=True)
class RawTable:
    """A response file as text, with the row number (header = 1) of every data row.

    In a CSV file the row number counts records, as a spreadsheet shows them: a line break
    inside a quoted answer does not start a new row, and blank lines are skipped.
    """

    path: str
    columns: tuple[RawColumn, ...]
    rows: int
    encoding: str = ""
    row_numbers: npt.NDArray[np.int64] | None = None  # None: data row i is on row i + 2

    def row_number(self, index: int) -> int:
        """The file's row number of data row `index` (0-based), as a spreadsheet shows it."""
        if self.row_numbers is None:
            return index + 2
        return int(self.row_numbers[index])

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)


def read_table(path: str | Path, *, sheet: str | int | None = None) -> RawTable:
    """Read a CSV, TSV or XLSX response file into raw text columns.

    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "responses.csv"
    >>> _ = path.write_bytes("タイムスタンプ,所属\\n2024/01/25 10:00,行政関係\\n".encode("cp932"))
    >>> raw = read_table(path)
    >>> raw.headers, raw.rows, raw.encoding, raw.columns[1].strings().tolist()
    (('タイムスタンプ', '所属'), 1, 'cp932', ['行政関係'])
    >>> folder.cleanup()
    """
    path = Path(path)
    if not path.is_file():
        raise worded(ResponseFileError(f"{path}: no such file"), f"{path}: ファイルがありません")
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in XLSX_SUFFIXES:
        return _read_xlsx(path, sheet)
    if suffixes and suffixes[-1] == ".xls":
        raise worded(
            ResponseFileError(
                f"{path}: the old Excel format (.xls) is not read; save it as .xlsx or CSV"
            ),
            f"{path}: 古い Excel 形式(.xls)は読めません。.xlsx か CSV で保存してください",
        )
    return _read_csv(path)


# --- CSV ---------------------------------------------------------------------------------


def _read_csv(path: Path) -> RawTable:
    sample = _head(path)
    encoding = detect_encoding(sample)
    try:
        return _read_csv_as(path, sample, encoding)
    except UnicodeDecodeError:
        pass
    except pa.ArrowInvalid as error:
        if "utf8" not in str(error).lower() and "utf-8" not in str(error).lower():
            raise
    if encoding in ("utf-8", "utf-8-sig"):
        # The sample looked like UTF-8 but a later byte is not: Japanese Excel's CP932.
        try:
            return _read_csv_as(path, sample, "cp932")
        except (UnicodeDecodeError, pa.ArrowInvalid):
            pass
    raise worded(
        ResponseFileError(
            f"{path}: cannot read the text; accepted encodings: UTF-8, UTF-8 with BOM, "
            "UTF-16, CP932 (Shift_JIS)"
        ),
        f"{path}: 文字を読み取れません。使える文字コード: UTF-8、UTF-8(BOM 付き)、UTF-16、"
        "CP932(Shift_JIS)",
    )


def _head(path: Path) -> bytes:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as file:
        data: bytes = file.read(_SAMPLE_BYTES)
    return data


def _delimiter(first_line: str, path: Path) -> str:
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    counts = {sep: first_line.count(sep) for sep in (",", "\t", ";")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def _read_csv_as(path: Path, sample: bytes, encoding: str) -> RawTable:
    text = codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    first_line = text.split("\n", 1)[0]
    delimiter = _delimiter(first_line, path)
    try:
        headers = next(csv.reader(io.StringIO(text), delimiter=delimiter))
    except StopIteration:
        raise worded(
            ResponseFileError(f"{path}: the file is empty; expected a header row"),
            f"{path}: ファイルが空です。1行目に見出しの行が必要です",
        ) from None
    try:
        return _read_csv_with_arrow(path, headers, delimiter, encoding)
    except pa.ArrowInvalid as error:
        message = str(error).lower()
        if "utf8" in message or "utf-8" in message:
            raise
    return _read_csv_with_pandas(path, delimiter, encoding)


def _may_hold_quoted_newlines(path: Path) -> bool:
    """Without a quote character anywhere, no value can hold a newline (Arrow reads faster)."""
    if path.suffix.lower() == ".gz" or path.stat().st_size == 0:
        return True
    with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(b'"') >= 0


def _column_type(header: str) -> Any:
    """Dictionary-encoded text, except for id columns: all distinct, so plain text is faster."""
    from teichaku.responses.columns import is_id_header

    return pa.string() if is_id_header(header) else _DICTIONARY


def _read_csv_with_arrow(path: Path, headers: list[str], delimiter: str, encoding: str) -> RawTable:
    table = pa_csv.read_csv(
        path,
        read_options=pa_csv.ReadOptions(encoding="utf8" if encoding == "utf-8" else encoding),
        parse_options=pa_csv.ParseOptions(
            delimiter=delimiter, newlines_in_values=_may_hold_quoted_newlines(path)
        ),
        convert_options=pa_csv.ConvertOptions(
            column_types={header: _column_type(header) for header in headers},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            null_values=[],
        ),
    )
    if table.column_names != headers:
        # Arrow read the header differently from Python's csv module: let pandas decide.
        raise pa.ArrowInvalid("header mismatch")
    columns = []
    for header, chunked in zip(headers, table.columns, strict=True):
        if chunked.type != _column_type(header):
            raise pa.ArrowInvalid(f"column {header!r} was not read as text")
        columns.append(RawColumn(header, arrow=chunked))
    return RawTable(str(path), tuple(columns), table.num_rows, encoding)


def _read_csv_with_pandas(path: Path, delimiter: str, encoding: str) -> RawTable:
    try:
        frame = pd.read_csv(
            path,
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding=encoding,
        )
    except pd.errors.ParserError as error:
        raise worded(
            ResponseFileError(f"{path}: not a readable CSV file: {error}"),
            f"{path}: CSV ファイルとして読めません(引用符や区切りの崩れがないか確かめてください)",
        ) from error
    headers = [str(value) for value in frame.iloc[0]] if len(frame) else []
    return _from_cells(path, headers, frame.iloc[1:].fillna(""), encoding)


def _from_cells(
    path: Path,
    headers: list[str],
    frame: pd.DataFrame,
    encoding: str,
    row_numbers: npt.NDArray[np.int64] | None = None,
) -> RawTable:
    columns = []
    for position, header in enumerate(headers):
        codes, uniques = pd.factorize(frame.iloc[:, position], use_na_sentinel=False)
        texts = [str(text) for text in uniques]
        columns.append(RawColumn(header, codes=codes, texts=texts))
    return RawTable(str(path), tuple(columns), len(frame), encoding, row_numbers)


# --- XLSX --------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | int | None) -> RawTable:
    try:
        sheets = read_sheets(path, str(path), RESPONSE_LIMITS, sheets=[sheet or 0])
    except SpreadsheetError as error:
        raise worded(ResponseFileError(str(error)), japanese_of(error)) from None
    rows = [[_cell_text(value) for value in row] for row in next(iter(sheets.values()))]
    if not rows:
        raise worded(
            ResponseFileError(f"{path}: the sheet is empty; expected a header row"),
            f"{path}: シートが空です。1行目に見出しの行が必要です",
        )
    width = max(len(row) for row in rows)
    headers = rows[0] + [""] * (width - len(rows[0]))
    # Rows with nothing in them are spacing, not respondents; their numbers are kept.
    kept = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(row)]
    data = [row + [""] * (width - len(row)) for _, row in kept]
    while headers and not headers[-1] and not any(row[len(headers) - 1] for row in data):
        headers.pop()
    frame = pd.DataFrame(data, columns=range(width), dtype=object)
    numbers = np.array([number for number, _ in kept], dtype=np.int64)
    return _from_cells(path, headers, frame, "xlsx", numbers)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
