"""Coded answers as a cases × codes 0/1 matrix, code co-occurrence, and codes by attribute.

Every count here comes from the same final codings as the engine's coded-text table
(`tabulate_coded_text`), and the cross by attribute *is* that table, once per group.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from teichaku.cells import append_row, csv_row
from teichaku.coding.answers import Answer, as_text_answers, text_question
from teichaku.coding.codebook import Codebook
from teichaku.coding.codings import Coding, substantive
from teichaku.instrument import Question
from teichaku.tabulate.coded_text import tabulate_coded_text
from teichaku.tabulate.results import CodedTextTable


@dataclass(frozen=True)
class CaseCodeMatrix:
    """Rows: the descriptions (non-empty answers) of one question; columns: the codebook's
    codes; ``values[i, j]`` is 1 when description i carries code j."""

    question: str
    response_ids: tuple[str, ...]
    codes: tuple[str, ...]
    labels: tuple[str, ...]
    values: npt.NDArray[np.int8]
    attributes: tuple[dict[str, str], ...] = ()

    def to_csv(self) -> str:
        names = list(self.attributes[0]) if self.attributes else []
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(csv_row(["response_id", *names, *self.codes]))
        for i, rid in enumerate(self.response_ids):
            attrs = [self.attributes[i].get(n, "") for n in names] if self.attributes else []
            writer.writerow(csv_row([rid, *attrs, *self.values[i].tolist()]))
        return out.getvalue()

    def to_xlsx(self) -> bytes:
        from openpyxl import Workbook

        names = list(self.attributes[0]) if self.attributes else []
        book = Workbook()
        sheet = book.active
        sheet.title = "cases x codes"
        append_row(sheet, ["response_id", *names, *self.codes])
        append_row(sheet, ["", *names, *self.labels])
        for i, rid in enumerate(self.response_ids):
            attrs = [self.attributes[i].get(n, "") for n in names] if self.attributes else []
            append_row(sheet, [rid, *attrs, *(int(v) for v in self.values[i])])
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def case_code_matrix(
    answers: Sequence[Answer], codings: Iterable[Coding], codebook: Codebook
) -> CaseCodeMatrix:
    """The 0/1 matrix of one question's descriptions × the codebook's codes."""
    rows = [a for a in answers if a.question == codebook.question and a.is_description]
    index = {a.response_id: i for i, a in enumerate(rows)}
    codes = codebook.values
    column = {c: j for j, c in enumerate(codes)}
    values = np.zeros((len(rows), len(codes)), dtype=np.int8)
    for c in substantive(codings):
        if c.question != codebook.question or c.response_id not in index:
            continue
        code = codebook.find(c.code)
        if code is not None:
            values[index[c.response_id], column[code.value]] = 1
    return CaseCodeMatrix(
        codebook.question,
        tuple(a.response_id for a in rows),
        codes,
        tuple(code.label for code in codebook.codes),
        values,
        tuple(dict(a.attributes) for a in rows),
    )


@dataclass(frozen=True)
class CoOccurrence:
    """``counts[i, j]``: descriptions carrying both code i and code j (diagonal: code i)."""

    codes: tuple[str, ...]
    labels: tuple[str, ...]
    counts: npt.NDArray[np.int64]


def co_occurrence(matrix: CaseCodeMatrix) -> CoOccurrence:
    m = matrix.values.astype(np.int64)
    return CoOccurrence(matrix.codes, matrix.labels, m.T @ m)


@dataclass(frozen=True)
class AttributeCross:
    """The coded-text table of each group of respondents sharing an attribute value."""

    attribute: str
    groups: tuple[tuple[str, CodedTextTable], ...]  # (value, table), value "" = not given


def coded_table(
    answers: Sequence[Answer],
    codings: Iterable[Coding],
    codebook: Codebook,
    question: Question | None = None,
) -> CodedTextTable:
    """The engine's coded-text table for answers held as `Answer`s (e.g. in the web app)."""
    question = question or text_question(codebook.question)
    text_answers, ids = as_text_answers(answers, question)
    return tabulate_coded_text(text_answers, ids, substantive(codings), codebook)


def cross_by_attribute(
    answers: Sequence[Answer],
    codings: Iterable[Coding],
    codebook: Codebook,
    attribute: str,
    question: Question | None = None,
    order: Sequence[str] = (),
) -> AttributeCross:
    """Codes by one respondent attribute: `coded_table` for each value of the attribute.

    Values come in scale order: the attribute's option labels as the instrument declares
    them (`order`), never by count; values not in `order` (a combination "A / B" from a
    multiple-choice attribute is one group of its own, or an answers file's own values)
    follow in order of first appearance, and "" (not given) comes last.

    >>> from teichaku.coding import Codebook, Code
    >>> book = Codebook("q", (Code("c", "C"),))
    >>> answers = [Answer(str(i), "q", "x", {"age": v}) for i, v in enumerate("高低中低")]
    >>> cross = cross_by_attribute(answers, [], book, "age", order=["低", "中", "高"])
    >>> [value for value, _ in cross.groups]
    ['低', '中', '高']
    """
    mine = [a for a in answers if a.question == codebook.question]
    codings = [c for c in substantive(codings) if c.question == codebook.question]
    seen = list(dict.fromkeys(a.attributes.get(attribute, "") for a in mine))
    rank = {label: i for i, label in enumerate(order)}
    values = sorted(seen, key=lambda v: (v == "", rank.get(v, len(rank)), seen.index(v)))
    groups = []
    for value in values:
        members = [a for a in mine if a.attributes.get(attribute, "") == value]
        ids = {a.response_id for a in members}
        group_codings = [c for c in codings if c.response_id in ids]
        groups.append((value, coded_table(members, group_codings, codebook, question)))
    return AttributeCross(attribute, tuple(groups))
