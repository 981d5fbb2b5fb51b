"""Writing response files the way survey tools do."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path


def write_csv(
    path: Path, rows: Sequence[Sequence[str]], encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    """Write rows as a tool would: CRLF line ends, quotes only where needed."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
