"""`read_responses`: a response file and an instrument in, one checked `ResponseTable` out.

Every cell is read through its column's distinct texts: each distinct text is matched once
(`teichaku.responses.values`), and the result is spread back to the rows by NumPy indexing.
A million rows with a few hundred distinct answers per column cost little more than reading
the file.

Strict by default: an unknown column or a value that is no option stops the import with a
`ResponseFileError` listing file, row, column, value and what is accepted, and nothing is
returned. ``lenient=True`` reads such values as missing and reports each in
`ResponseTable.issues`; unknown columns are then listed in `ResponseTable.unmatched_columns`
beside the metadata columns (timestamps, e-mail …), which are never an error. In a
multiple answer, only the unknown part is dropped: "A, B, nonsense" keeps A and B.

``ignore_extra_columns=True`` is for a wide file (a national data set from which the
instrument picks a few items): unknown columns are listed in `unmatched_columns` and
ignored, while every value in a question's column is still checked strictly. A second
column for the same question stays an error.

With ``or_other``, text that is no option is the 'other' answer and its text (Google Forms
writes it into the answer's own cell); it is never an error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from teichaku.bilingual import worded
from teichaku.instrument import Instrument, Question, QuestionKind
from teichaku.responses.columns import ColumnPlan, QuestionColumns, plan_columns
from teichaku.responses.errors import UNKNOWN_COLUMN, ResponseFileError, compact, compact_ja
from teichaku.responses.files import Codes, RawColumn, RawTable, read_table
from teichaku.responses.table import (
    MISSING_CODE,
    Answers,
    ChoiceAnswers,
    LazyIds,
    MultiAnswers,
    NumberAnswers,
    ResponseTable,
    TextAnswers,
    ValueIssue,
    empty_answers,
)
from teichaku.responses.values import (
    JOINERS,
    accepted_options,
    choose_separator,
    option_lookup,
    other_option,
    parse_multi,
    parse_number,
    yes_no,
)
from teichaku.responses.weights import read_weights, weight_position, without_column

_ROWS_SHOWN = 5


def read_responses(
    path: str | Path,
    instrument: Instrument,
    *,
    lenient: bool = False,
    sheet: str | int | None = None,
    ignore_extra_columns: bool = False,
    weights: str | None = None,
) -> ResponseTable:
    """Read a CSV, TSV or XLSX response file (first sheet unless `sheet`) for `instrument`.

    >>> import tempfile
    >>> from teichaku.instrument import load_instrument
    >>> form = load_instrument("retention-challenges-2024")
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "google-forms.csv"
    >>> _ = path.write_text("タイムスタンプ,利用者の確保\\n2024/01/25 10:00,7\\n", encoding="utf-8")
    >>> table = read_responses(path, form)
    >>> table.unmatched_columns, table.choice("q01_securing_users").codes.tolist()
    (('タイムスタンプ',), [6])
    >>> folder.cleanup()
    """
    return responses_from_table(
        read_table(path, sheet=sheet),
        instrument,
        lenient=lenient,
        ignore_extra_columns=ignore_extra_columns,
        weights=weights,
    )


def responses_from_table(
    raw: RawTable,
    instrument: Instrument,
    *,
    lenient: bool = False,
    ignore_extra_columns: bool = False,
    weights: str | None = None,
) -> ResponseTable:
    """Check and convert a file already read as text (see `read_table`); `weights` names a
    column of positive numbers that is no question (`teichaku.responses.weights`)."""
    plan = plan_columns(raw.headers, instrument, lambda position: raw.columns[position].is_blank())
    weight_values = None
    if weights is not None:
        position = weight_position(raw, plan, weights)
        plan, weight_values = without_column(plan, position), read_weights(raw, position)
    if not plan.questions and raw.columns:
        raise worded(
            ResponseFileError(
                f"{raw.path}: no column matches a question of {instrument.form_id}; "
                f"columns: {compact([repr(h) for h in raw.headers])}; "
                f"questions: {compact([q.name for q in instrument.questions])}"
            ),
            f"{raw.path}: 調査「{instrument.title}」の設問に当たる列がありません。"
            f"ファイルの列: {compact_ja([f'「{h}」' for h in raw.headers])}。"
            f"設問: {compact_ja([f'「{q.label}」' for q in instrument.questions])}",
        )
    reader = _Reader(raw, lenient)
    reader.column_problems(plan, instrument, ignore_extra_columns)
    answers: dict[str, Answers] = {}
    for question in instrument.questions:
        source = plan.questions.get(question.name)
        answers[question.name] = (
            empty_answers(question, raw.rows) if source is None else reader.answers(source)
        )
    if reader.issues and not lenient:
        raise ResponseFileError.from_issues(raw.path, reader.issues)
    listed = list(plan.listed)
    if lenient or ignore_extra_columns:
        listed += plan.unknown
    if lenient:
        listed += [position for position, _ in plan.duplicates]
    return ResponseTable(
        instrument=instrument,
        ids=_response_ids(raw, plan.id_column),
        answers=answers,
        source=raw.path,
        unmatched_columns=tuple(_header_name(raw, position) for position in sorted(listed)),
        issues=tuple(reader.issues),
        weights=weight_values,
        weights_column=weights or "",
    )


def _header_name(raw: RawTable, position: int) -> str:
    header = raw.columns[position].header
    return header if header.strip() else f"(column {position + 1}, no header)"


def _response_ids(raw: RawTable, column: int | None) -> LazyIds:
    """The id column's texts; where there is none, the 1-based data row number.

    Worked out when first asked for (`ResponseTable.response_ids`), from that column alone.
    """
    rows = raw.rows
    cells = None if column is None else raw.columns[column]
    return LazyIds(rows, lambda: _ids_of(cells, rows))


def _ids_of(cells: RawColumn | None, rows: int) -> npt.NDArray[np.object_]:
    if cells is None:
        return np.array([str(number) for number in range(1, rows + 1)], dtype=object)
    ids = cells.strings()
    empty = np.flatnonzero(ids == "")
    if len(empty):
        ids = ids.copy()
        ids[empty] = [str(number) for number in (empty + 1).tolist()]
    return ids


class _Reader:
    """Converts the columns of one file, collecting the problems it meets."""

    def __init__(self, raw: RawTable, lenient: bool) -> None:
        self.raw = raw
        self.lenient = lenient
        self.issues: list[ValueIssue] = []

    def column_problems(
        self, plan: ColumnPlan, instrument: Instrument, ignore_extra_columns: bool = False
    ) -> None:
        if self.lenient:
            return
        names = compact([q.name for q in instrument.questions], limit=5)
        for position in () if ignore_extra_columns else plan.unknown:
            header = self.raw.columns[position].header
            self.issues.append(
                ValueIssue(
                    self.raw.path,
                    1,
                    _header_name(self.raw, position),
                    header,
                    UNKNOWN_COLUMN,
                    f"question names or labels, e.g. {names}",
                    "この名前・ラベルの設問がない列",
                    f"設問の名前かラベル（例: {names}）",
                )
            )
        for position, name in plan.duplicates:
            self.issues.append(
                ValueIssue(
                    self.raw.path,
                    1,
                    _header_name(self.raw, position),
                    self.raw.columns[position].header,
                    f"a second column for question {name!r}, already read from another column",
                    problem_ja=f"設問 {name!r} の2つ目の列（別の列からすでに読んだ）",
                )
            )

    def answers(self, source: QuestionColumns) -> Answers:
        question = source.question
        if question.kind is QuestionKind.MULTI:
            return self._multi(source)
        if source.column is None:
            # Only an 'other' text column, or nothing usable: read what there is.
            answers = empty_answers(question, self.raw.rows)
            if isinstance(answers, ChoiceAnswers) and source.other_column is not None:
                return self._with_other_column(answers, source.other_column)
            return answers
        cells = self.raw.columns[source.column]
        if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
            answers = self._choice(question, cells)
            if source.other_column is not None:
                return self._with_other_column(answers, source.other_column)
            return answers
        if question.kind is QuestionKind.NUMBER:
            return self._number(question, cells)
        return TextAnswers(question, _texts(cells))

    # --- one column, one value ---------------------------------------------------------

    def _choice(self, question: Question, cells: RawColumn) -> ChoiceAnswers:
        lookup = option_lookup(question.options)
        other = other_option(question)
        rows, texts = cells.factorized()
        codes = np.full(len(texts), MISSING_CODE, dtype=np.int16)
        others = np.full(len(texts), None, dtype=object)
        bad: dict[int, tuple[str, str]] = {}
        for index, text in enumerate(texts):
            stripped = text.strip()
            if not stripped:
                continue
            found = lookup.find(stripped)
            if found is not None:
                codes[index] = found
            elif other is not None:
                codes[index], others[index] = other, stripped
            else:
                bad[index] = (
                    f"not an option of {question.name!r}",
                    f"設問「{question.label or question.name}」の選択肢にない値",
                )
        self._report(
            cells, bad, accepted_options(question), accepted_options(question, japanese=True)
        )
        return ChoiceAnswers(question, codes[rows], others[rows] if question.or_other else None)

    def _with_other_column(self, answers: ChoiceAnswers, column: int) -> ChoiceAnswers:
        texts = _texts(self.raw.columns[column])
        has_text = np.asarray(pd.notna(texts), dtype=bool)
        codes = answers.codes.copy()
        other = other_option(answers.question)
        if other is not None:
            codes[has_text & (codes == MISSING_CODE)] = other
        merged = answers.other_text.copy() if answers.other_text is not None else texts
        merged[has_text] = texts[has_text]
        return ChoiceAnswers(answers.question, codes, merged)

    def _number(self, question: Question, cells: RawColumn) -> NumberAnswers:
        rows, texts = cells.factorized()
        numbers = np.full(len(texts), np.nan)
        bad: dict[int, tuple[str, str]] = {}
        for index, text in enumerate(texts):
            if not text.strip():
                continue
            value = parse_number(text)
            if value is None:
                bad[index] = (
                    f"not a number ({question.name!r} is a number question)",
                    f"数値ではない（設問「{question.label or question.name}」は数値の設問）",
                )
            else:
                numbers[index] = value
        self._report(cells, bad, "a number such as 12 or 3.5", "12 や 3.5 のような数値")
        return NumberAnswers(question, numbers[rows])

    # --- multiple choice ---------------------------------------------------------------

    def _multi(self, source: QuestionColumns) -> MultiAnswers:
        question = source.question
        size, width = self.raw.rows, len(question.options)
        # Column-major: tabulating sums each option's column and ORs across options,
        # both several times faster on a column-major matrix.
        selected = np.zeros((size, width), dtype=bool, order="F")
        answered = np.zeros(size, dtype=bool)
        others = np.full(size, None, dtype=object) if question.or_other else None
        if source.column is not None:
            self._joined(question, self.raw.columns[source.column], selected, answered, others)
        for option, column in source.option_columns.items():
            cells = self.raw.columns[column]
            self._option_column(question, option, cells, selected, answered, others)
        other = other_option(question)
        if source.other_column is not None and others is not None and other is not None:
            rows, texts = self.raw.columns[source.other_column].factorized()
            # A yes/no mark here only repeats what the answer column says.
            kept = np.array([_other_text(text) for text in texts], dtype=object)
            _spread_texts(others, kept, rows)
            has_text = np.array([text is not None for text in kept], dtype=bool)[rows]
            selected[has_text, other] = True
            answered |= has_text
        return MultiAnswers(question, selected, answered, others)

    def _joined(
        self,
        question: Question,
        cells: RawColumn,
        selected: npt.NDArray[np.bool_],
        answered: npt.NDArray[np.bool_],
        others: npt.NDArray[np.object_] | None,
    ) -> None:
        lookup = option_lookup(question.options)
        other = other_option(question)
        rows, texts = cells.factorized()
        separator = choose_separator(texts, lookup)
        chosen = np.zeros((len(texts), len(question.options)), dtype=bool)
        said = np.zeros(len(texts), dtype=bool)
        other_texts = np.full(len(texts), None, dtype=object)
        bad: dict[int, tuple[str, str]] = {}
        for index, text in enumerate(texts):
            if not text.strip():
                continue
            parsed = parse_multi(text, lookup, separator)
            chosen[index, list(parsed.chosen)] = True
            if parsed.unmatched and other is not None:
                chosen[index, other] = True
                other_texts[index] = JOINERS[separator].join(parsed.unmatched).strip()
            elif parsed.unmatched:
                pieces = ", ".join(repr(piece) for piece in parsed.unmatched)
                bad[index] = (
                    f"{pieces} is not an option of {question.name!r}",
                    f"{pieces} は設問「{question.label or question.name}」の選択肢にない",
                )
            said[index] = bool(chosen[index].any())
        self._report(
            cells, bad, accepted_options(question), accepted_options(question, japanese=True)
        )
        # One gather for all options; `selected` is column-major, so fill it as its transpose.
        gathered = np.take(np.ascontiguousarray(chosen.T), rows, axis=1)
        np.logical_or(selected.T, gathered, out=selected.T)
        answered |= said[rows]
        if others is not None:
            _spread_texts(others, other_texts, rows)

    def _option_column(
        self,
        question: Question,
        option: int,
        cells: RawColumn,
        selected: npt.NDArray[np.bool_],
        answered: npt.NDArray[np.bool_],
        others: npt.NDArray[np.object_] | None,
    ) -> None:
        lookup = option_lookup(question.options)
        is_other = option == other_option(question)
        rows, texts = cells.factorized()
        state = np.full(len(texts), -1, dtype=np.int8)  # -1 blank, 0 not chosen, 1 chosen
        other_texts = np.full(len(texts), None, dtype=object)
        bad: dict[int, tuple[str, str]] = {}
        for index, text in enumerate(texts):
            stripped = text.strip()
            if not stripped:
                continue
            choice = yes_no(stripped)
            if choice is None and lookup.find(stripped) == option:
                choice = True  # the option's own name or label marks it chosen
            if choice is None and is_other:
                choice, other_texts[index] = True, stripped
            if choice is None:
                bad[index] = (
                    f"not a yes/no mark for option {question.options[option].value!r}",
                    f"選択肢 {question.options[option].value!r} の選択の印として読めない値",
                )
            else:
                state[index] = int(choice)
        self._report(
            cells,
            bad,
            "1/0, Y/N, TRUE/FALSE, or the option itself",
            "1/0、Y/N、TRUE/FALSE、はい/いいえ、または選択肢そのもの",
        )
        per_row = state[rows]
        selected[:, option] |= per_row == 1
        answered |= per_row >= 0
        if others is not None:
            _spread_texts(others, other_texts, rows)

    # --- problems ----------------------------------------------------------------------

    def _report(
        self,
        cells: RawColumn,
        bad: dict[int, tuple[str, str]],
        accepted: str,
        accepted_ja: str,
    ) -> None:
        """One issue per distinct bad text: its first row, and how many rows hold it."""
        if not bad:
            return
        all_codes, texts = cells.factorized()
        flags = np.zeros(len(texts), dtype=bool)
        flags[list(bad)] = True
        rows = np.flatnonzero(flags[all_codes])
        codes = all_codes[rows]
        order = np.argsort(codes, kind="stable")
        groups = np.split(rows[order], np.flatnonzero(np.diff(codes[order])) + 1)
        row_number: Callable[[int], int] = self.raw.row_number
        found = []
        for group in groups:
            text = str(texts[int(all_codes[group[0]])])
            problem, problem_ja = bad[int(all_codes[group[0]])]
            if len(group) > 1:
                more = [str(row_number(int(row))) for row in group[1:_ROWS_SHOWN]]
                rest = len(group) - 1 - len(more)
                problem += f" (also on row{'s' if len(group) > 2 else ''} {', '.join(more)}"
                problem += f" and {rest} more)" if rest else ")"
                problem_ja += f"（{'、'.join(more)}行目にも"
                problem_ja += f"、ほか{rest}行）" if rest else "）"
            found.append(
                ValueIssue(
                    self.raw.path,
                    row_number(int(group[0])),
                    _header_name(self.raw, self._position(cells)),
                    text,
                    problem,
                    accepted,
                    problem_ja,
                    accepted_ja,
                )
            )
        self.issues.extend(sorted(found, key=lambda issue: issue.row))

    def _position(self, cells: RawColumn) -> int:
        return next(i for i, column in enumerate(self.raw.columns) if column is cells)


def _texts(cells: RawColumn) -> npt.NDArray[np.object_]:
    """Free text as written, stripped at the ends; a blank cell is None."""
    if cells.few_distinct():
        rows, texts = cells.factorized()
        kept = np.array([str(text).strip() or None for text in texts], dtype=object)
        spread: npt.NDArray[np.object_] = kept[rows]
        return spread
    values = cells.strings().copy()
    values[values == ""] = None
    return values


def _other_text(text: str) -> str | None:
    stripped = str(text).strip()
    return stripped if stripped and yes_no(stripped) is None else None


def _spread_texts(
    target: npt.NDArray[np.object_], texts: npt.NDArray[np.object_], rows: Codes
) -> None:
    """Copy the distinct texts that are not None to the rows that hold them."""
    present = np.array([text is not None for text in texts], dtype=bool)
    if present.any():
        chosen = present[rows]
        target[chosen] = texts[rows[chosen]]
