"""Coded free text: each category's count and share of the descriptions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from teichaku.coding import NO_CODE, Code, Codebook, Coding
from teichaku.responses import TextAnswers
from teichaku.tabulate._stats import percent
from teichaku.tabulate.other import answered_text
from teichaku.tabulate.results import CodeCount, CodedTextTable


@dataclass(frozen=True)
class CodingProblem:
    coding: Coding
    problem: str

    def __str__(self) -> str:
        c = self.coding
        return (
            f"codings row {c.row}: response_id {c.response_id!r}, question {c.question!r}, "
            f"code {c.code!r}: {self.problem}"
        )


class CodedTextError(ValueError):
    def __init__(self, source: str, problems: list[CodingProblem]) -> None:
        shown = "\n".join(f"  {source}: {problem}" for problem in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} coding(s) cannot be used:\n{shown}{more}")
        self.problems = problems


def tabulate_coded_text(
    answers: TextAnswers,
    response_ids: Iterable[str],
    codings: Iterable[Coding],
    codebook: Codebook | None = None,
    source: str = "codings",
) -> CodedTextTable:
    """Count each category among the descriptions (non-empty answers) of one question.

    Codes come in codebook order, then any uncatalogued codes in order of first use (only
    when there is no codebook: with one, an unknown code is an error). A description carrying
    the same code twice counts once for it. A ``NO_CODE`` row (the coder saw the answer and
    found nothing) is checked like any other row and adds no code.
    """
    question = answers.question
    wrote = answered_text(answers)
    row_of = {str(rid): index for index, rid in enumerate(response_ids)}
    catalogue: list[Code] = list(codebook.codes) if codebook else []
    carriers: dict[str, set[int]] = {code.value: set() for code in catalogue}
    problems: list[CodingProblem] = []
    for coding in codings:
        if coding.question != question.name:
            continue
        seen_without_code = coding.code == NO_CODE
        row = row_of.get(coding.response_id)
        if row is None:
            problems.append(CodingProblem(coding, "no response with this id"))
            continue
        if not wrote[row]:
            problems.append(CodingProblem(coding, "the response has no text for this question"))
            continue
        if seen_without_code:
            continue  # the coder saw the answer and found no code for it
        code = codebook.find(coding.code) if codebook else _adhoc(catalogue, coding.code)
        if code is None:
            accepted = ", ".join(c.value for c in catalogue)
            problems.append(CodingProblem(coding, f"not in the codebook; accepted: {accepted}"))
            continue
        carriers.setdefault(code.value, set()).add(row)
    if problems:
        raise CodedTextError(source, problems)
    descriptions = int(wrote.sum())
    coded_rows = set().union(*carriers.values()) if carriers else set()
    return CodedTextTable(
        question=question,
        n=descriptions,
        missing=len(wrote) - descriptions,
        descriptions=descriptions,
        coded=len(coded_rows),
        assignments=sum(len(rows) for rows in carriers.values()),
        codes=tuple(
            CodeCount(
                code.value,
                code.label,
                len(carriers[code.value]),
                percent(len(carriers[code.value]), descriptions),
            )
            for code in catalogue
        ),
    )


def _adhoc(catalogue: list[Code], value: str) -> Code:
    """Without a codebook, every distinct code is its own category, labelled by itself."""
    for code in catalogue:
        if code.value == value:
            return code
    code = Code(value, value)
    catalogue.append(code)
    return code
