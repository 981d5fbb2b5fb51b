"""Codebooks: the categories free-text answers are sorted into."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from teichaku.bilingual import worded
from teichaku.cells import csv_row, read_csv_cell
from teichaku.coding.codings import NO_CODE
from teichaku.textfiles import decode, read_text
from teichaku.textform import normal_form

CODEBOOK_COLUMNS = ("code", "label", "definition", "inclusion", "exclusion", "examples", "parent")


@dataclass(frozen=True)
class Code:
    value: str
    label: str
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    examples: str = ""
    parent: str | None = None


@dataclass(frozen=True)
class Codebook:
    """The ordered categories of one text question.

    A code may name another code of the same codebook as its ``parent`` (a hierarchy of at
    most any depth, without cycles). Answers are coded with any code, parent or child.
    """

    question: str
    codes: tuple[Code, ...]

    def find(self, code_or_label: str) -> Code | None:
        """The code whose value or label equals `code_or_label` after normalisation."""
        wanted = normal_form(code_or_label)
        for code in self.codes:
            if wanted in (normal_form(code.value), normal_form(code.label)):
                return code
        return None

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(code.value for code in self.codes)

    def children(self, parent: str | None) -> tuple[Code, ...]:
        return tuple(code for code in self.codes if code.parent == parent)


class CodebookError(ValueError):
    pass


def parse_codebook(text: str, question: str, source: str = "codebook") -> Codebook:
    """Parse codebook CSV text with columns ``code, label`` and optionally
    ``definition, inclusion, exclusion, examples, parent``.

    >>> parse_codebook("code,label\\na,連携\\n", "q").codes[0].label
    '連携'
    """
    reader = csv.DictReader(io.StringIO(text))
    header = [(column or "").strip() for column in reader.fieldnames or []]
    if "code" not in header:
        raise worded(
            CodebookError(
                f"{source}: row 1: missing column 'code'; "
                f"accepted header: {', '.join(CODEBOOK_COLUMNS)}"
            ),
            f"{source}: 1行目(見出し)に列 code がありません。"
            f"使える見出し: {'・'.join(CODEBOOK_COLUMNS)}",
        )
    codes: list[Code] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(reader, start=2):
        row = {
            (key or "").strip(): read_csv_cell(value or "").strip() for key, value in raw.items()
        }
        value = row.get("code", "")
        if not value:
            raise CodebookError(
                f"{source}: row {line}, column 'code', value '': a code is required"
            )
        if value in seen:
            raise CodebookError(
                f"{source}: row {line}, column 'code', value {value!r}: code given twice "
                f"(first in row {seen[value]})"
            )
        seen[value] = line
        codes.append(
            Code(
                value=value,
                label=row.get("label") or value,
                definition=row.get("definition", ""),
                inclusion=row.get("inclusion", ""),
                exclusion=row.get("exclusion", ""),
                examples=row.get("examples", ""),
                parent=row.get("parent") or None,
            )
        )
    parent_of = {code.value: code.parent for code in codes}
    for code in codes:
        problem = code_problem(parent_of, code.value, code.parent)
        if problem:
            raise CodebookError(f"{source}: row {seen[code.value]}: {problem}")
    return Codebook(question, tuple(codes))


def code_problem(parent_of: Mapping[str, str | None], value: str, parent: str | None) -> str:
    """Why code `value` with `parent` cannot stand in a codebook whose codes have the parents
    `parent_of` (`value` itself may be among them or not); "" when it can.

    The rules, the same for a codebook file, a ``.qdc`` and the web editor: ``-`` (`NO_CODE`)
    marks an answer read without a code, so it is not a code; a parent is another code of the
    codebook; following parents never comes back to the code.

    >>> code_problem({"a": None, "b": "a"}, "a", "b")
    "上位コード 'b': 上位コードが循環します"
    >>> code_problem({"a": None}, "b", "a")
    ''
    """
    if value == NO_CODE:
        return f"コード {value!r} は「読んだがコードなし」の印なので使えません"
    if not parent:
        return ""
    if parent == value:
        return f"上位コード {parent!r}: 自分自身は上位コードにできません"
    if parent not in parent_of:
        accepted = ", ".join(v for v in parent_of if v != value)
        return f"上位コード {parent!r} はコードブックにありません（使えるコード: {accepted}）"
    seen = {value}
    current: str | None = parent
    while current:
        if current in seen:
            return f"上位コード {parent!r}: 上位コードが循環します"
        seen.add(current)
        current = parent_of.get(current)
    return ""


def check_codebook(codebook: Codebook, source: str) -> Codebook:
    """`codebook` when every code passes `code_problem`, else a `CodebookError` naming it."""
    parent_of = {code.value: code.parent for code in codebook.codes}
    for code in codebook.codes:
        problem = code_problem(parent_of, code.value, code.parent)
        if problem:
            raise CodebookError(f"{source}: code {code.value!r}: {problem}")
    return codebook


def read_codebook(path: Path, question: str) -> Codebook:
    """Read a codebook CSV (UTF-8, UTF-8 with BOM or CP932); see `parse_codebook`."""
    return parse_codebook(read_text(path), question, str(path))


def codebook_from_bytes(data: bytes, question: str, source: str = "codebook") -> Codebook:
    """A codebook CSV uploaded as bytes (UTF-8, BOM or CP932)."""
    return parse_codebook(decode(data, source)[0], question, source)


def codebook_to_csv(codebook: Codebook) -> str:
    """The codebook as CSV text with every column of `CODEBOOK_COLUMNS`; reads back equal
    (a text a spreadsheet would run gets a leading ``'``, which `parse_codebook` removes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CODEBOOK_COLUMNS)
    for c in codebook.codes:
        row = [c.value, c.label, c.definition, c.inclusion, c.exclusion, c.examples, c.parent]
        writer.writerow(csv_row(text or "" for text in row))
    return out.getvalue()


def read_codebooks(folder: Path) -> dict[str, Codebook]:
    """Every ``<question>.csv`` in `folder`, keyed by question name."""
    if not folder.is_dir():
        return {}
    return {path.stem: read_codebook(path, path.stem) for path in sorted(folder.glob("*.csv"))}
