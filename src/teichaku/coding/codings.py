"""Codings: which code a coder gave to which answer.

A codings file has one row per response × question × code, so one description can carry
several codes. Columns: ``response_id, question, code`` and optionally ``coder``.

A coder *saw* an answer when they have at least one row for it. A coder who read an
answer and found no code for it writes one row with the code ``NO_CODE`` (``-``): without
it, the answer counts as not coded by that coder (missing), not as "every code absent".
Tables ignore ``NO_CODE`` rows (`substantive`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from teichaku.bilingual import worded
from teichaku.cells import csv_row, read_csv_cell
from teichaku.textfiles import decode, read_text

REQUIRED_COLUMNS = ("response_id", "question", "code")
NO_CODE = "-"


@dataclass(frozen=True)
class Coding:
    response_id: str
    question: str
    code: str
    coder: str = ""
    row: int = 0  # line in the source file, for error messages

    @property
    def unit(self) -> tuple[str, str]:
        """The coded answer: (response_id, question)."""
        return (self.response_id, self.question)


class CodingsError(ValueError):
    pass


def parse_codings(text: str, source: str = "codings") -> tuple[Coding, ...]:
    """Parse codings CSV text; see the module docstring for the columns."""
    reader = csv.DictReader(io.StringIO(text))
    header = [(column or "").strip() for column in reader.fieldnames or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise worded(
            CodingsError(
                f"{source}: row 1: missing column(s) {', '.join(missing)}; "
                f"accepted header: {', '.join(REQUIRED_COLUMNS)}[, coder]"
            ),
            f"{source}: 1行目(見出し)に列 {'、'.join(missing)} がありません。"
            f"見出しは {'・'.join(REQUIRED_COLUMNS)}(coder の列は任意)",
        )
    codings: list[Coding] = []
    for line, raw in enumerate(reader, start=2):
        row = {key.strip(): read_csv_cell(value or "").strip() for key, value in raw.items() if key}
        for column in REQUIRED_COLUMNS:
            if not row[column]:
                raise CodingsError(
                    f"{source}: row {line}, column {column!r}, value '': a value is required"
                )
        codings.append(
            Coding(row["response_id"], row["question"], row["code"], row.get("coder", ""), line)
        )
    return tuple(codings)


def read_codings(path: Path) -> tuple[Coding, ...]:
    """Read a codings CSV (UTF-8, UTF-8 with BOM or CP932)."""
    return parse_codings(read_text(path), str(path))


def codings_from_bytes(data: bytes, source: str = "codings") -> tuple[Coding, ...]:
    return parse_codings(decode(data, source)[0], source)


def codings_to_csv(codings: Iterable[Coding], with_coder: bool = True) -> str:
    """Codings as CSV text, one row per code given; `parse_codings` reads it back."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*REQUIRED_COLUMNS, "coder"] if with_coder else REQUIRED_COLUMNS)
    for c in codings:
        row = [c.response_id, c.question, c.code]
        writer.writerow(csv_row([*row, c.coder] if with_coder else row))
    return out.getvalue()


def substantive(codings: Iterable[Coding]) -> tuple[Coding, ...]:
    """The codings that give a code: `NO_CODE` rows (answer seen, nothing applies) left out."""
    return tuple(c for c in codings if c.code != NO_CODE)
