"""Codings: which code a coder gave to which answer.

A codings file has one row per response × question × code, so one description can carry
several codes. Columns: ``response_id, question, code`` and optionally ``coder``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from teichaku.textfiles import read_text

REQUIRED_COLUMNS = ("response_id", "question", "code")


@dataclass(frozen=True)
class Coding:
    response_id: str
    question: str
    code: str
    coder: str = ""
    row: int = 0  # line in the source file, for error messages


class CodingsError(ValueError):
    pass


def read_codings(path: Path) -> tuple[Coding, ...]:
    """Read a codings CSV (UTF-8, UTF-8 with BOM or CP932)."""
    reader = csv.DictReader(read_text(path).splitlines())
    header = [column.strip() for column in reader.fieldnames or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise CodingsError(
            f"{path}: row 1: missing column(s) {', '.join(missing)}; "
            f"accepted header: {', '.join(REQUIRED_COLUMNS)}[, coder]"
        )
    codings: list[Coding] = []
    for line, raw in enumerate(reader, start=2):
        row = {key.strip(): (value or "").strip() for key, value in raw.items() if key}
        for column in REQUIRED_COLUMNS:
            if not row[column]:
                raise CodingsError(
                    f"{path}: row {line}, column {column!r}, value '': a value is required"
                )
        codings.append(
            Coding(row["response_id"], row["question"], row["code"], row.get("coder", ""), line)
        )
    return tuple(codings)
