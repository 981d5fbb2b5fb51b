"""Shared fixtures: where the real data sets live, when they are there."""

from __future__ import annotations

import os
import re
import resource
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# `--doctest-modules` (pyproject) reads every module under tests/ too; the conftest files
# share one basename, so importing them again as modules clashes. They hold no examples.
collect_ignore_glob = ["*conftest.py"]


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    """``../shared/datasets`` beside the repository, or $TEICHAKU_DATASETS; skip if absent."""
    configured = os.environ.get("TEICHAKU_DATASETS")
    folder = (
        Path(configured)
        if configured
        else Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets"
    )
    if not folder.is_dir():
        pytest.skip(f"real data sets not found at {folder} (set TEICHAKU_DATASETS to them)")
    return folder


# --- user spreadsheets that lie: built in the tests, patched in the zip --------------------


def _xlsx_bytes(
    rows: list[list[object]],
    patch: Callable[[bytes], bytes] | None = None,
    title: str = "Sheet1",
) -> bytes:
    """A small workbook written by openpyxl; `patch` rewrites its sheet XML in the zip."""
    import io
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if patch is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = patch(data)
            target.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _claim_whole_sheet(xml: bytes) -> bytes:
    """Declare the largest sheet Excel allows: ``A1:XFD1048576``."""
    return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)


def _add_last_row(xml: bytes) -> bytes:
    """One text cell on Excel's last row: every row above it is blank."""
    cell = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return xml.replace(b"</sheetData>", cell + b"</sheetData>")


def _pad_sheet(megabytes: int) -> Callable[[bytes], bytes]:
    """White space inside the sheet XML: tiny packed, `megabytes` unpacked (a zip bomb)."""
    return lambda xml: xml.replace(b"</sheetData>", b" " * (megabytes << 20) + b"</sheetData>")


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Fail (TimeoutError) if the block runs longer than `seconds`, and stop it there —
    so that a reader that would allocate for minutes is stopped early."""

    def expire(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _peak_memory_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class SheetLies:
    """What the spreadsheet-limit tests build and measure (the `sheet_lies` fixture)."""

    xlsx = staticmethod(_xlsx_bytes)
    claim_whole_sheet = staticmethod(_claim_whole_sheet)
    add_last_row = staticmethod(_add_last_row)
    pad_sheet = staticmethod(_pad_sheet)
    deadline = staticmethod(_deadline)
    peak_memory_mb = staticmethod(_peak_memory_mb)


@pytest.fixture
def sheet_lies() -> type[SheetLies]:
    return SheetLies
