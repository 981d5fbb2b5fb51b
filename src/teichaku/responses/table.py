"""One typed table of answers, whatever tool collected them.

Answers are held column by column as NumPy arrays indexed by respondent, so that a
million responses tabulate in the time it takes to read the file:

- single choice and Likert: option codes (index into ``question.options``, -1 = missing);
- multiple choice: a respondents × options boolean matrix, plus who answered at all;
- text: strings (``None`` = missing); number: floats (NaN = missing).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

from teichaku.instrument import Instrument, Question, QuestionKind

MISSING_CODE = -1


@dataclass(frozen=True)
class ChoiceAnswers:
    """Answers to a select_one (single or Likert): codes into the question's options."""

    question: Question
    codes: npt.NDArray[np.int16]
    other_text: npt.NDArray[np.object_] | None = None


@dataclass(frozen=True)
class MultiAnswers:
    """Answers to a select_multiple.

    ``selected[i, j]`` is true when respondent i chose option j. ``answered[i]`` is true when
    the respondent's row says anything about the question: at least one choice, or an explicit
    "none selected" (all 0 in a one-column-per-choice layout). A blank cell is skipped.
    """

    question: Question
    selected: npt.NDArray[np.bool_]
    answered: npt.NDArray[np.bool_]
    other_text: npt.NDArray[np.object_] | None = None


@dataclass(frozen=True)
class TextAnswers:
    question: Question
    values: npt.NDArray[np.object_]


@dataclass(frozen=True)
class NumberAnswers:
    question: Question
    values: npt.NDArray[np.float64]


Answers = ChoiceAnswers | MultiAnswers | TextAnswers | NumberAnswers


@dataclass(frozen=True)
class ValueIssue:
    """A cell that could not be read: where it is, what it held, and what is accepted."""

    file: str
    row: int  # 1-based line in the file, header = 1
    column: str
    value: str
    problem: str
    accepted: str = ""
    # The same in Japanese, for pages (the English above is the CLI's and the logs' wording).
    problem_ja: str = ""
    accepted_ja: str = ""

    def worded(self, language: str) -> tuple[str, str]:
        """(problem, accepted) in the page's language: Japanese unless `language` is en."""
        if language.startswith("en") or not self.problem_ja:
            return self.problem, self.accepted
        return self.problem_ja, self.accepted_ja or self.accepted

    def __str__(self) -> str:
        text = f"{self.file}: row {self.row}, column {self.column!r}, value {self.value!r}: "
        text += self.problem
        return text + (f"; accepted: {self.accepted}" if self.accepted else "")


@dataclass(frozen=True)
class LazyIds:
    """Response ids worked out on first use: tabulating never needs them, and a million
    ids as Python strings cost a good part of reading the file."""

    count: int
    compute: Callable[[], npt.NDArray[np.object_]]

    def __len__(self) -> int:
        return self.count


@dataclass(frozen=True)
class ResponseTable:
    """All answers of one response file, checked against one instrument.

    `ids` are the respondents' ids (`response_ids`), or how to get them when first asked.
    """

    instrument: Instrument
    ids: npt.NDArray[np.object_] | LazyIds
    answers: Mapping[str, Answers]
    source: str = ""
    unmatched_columns: tuple[str, ...] = ()
    issues: tuple[ValueIssue, ...] = field(default=())
    # One positive weight per respondent (`--weights`, or raking); None: unweighted.
    weights: npt.NDArray[np.float64] | None = None
    weights_column: str = ""  # the file's column the weights came from, if any

    @cached_property
    def response_ids(self) -> npt.NDArray[np.object_]:
        """One id per respondent, as text."""
        return self.ids.compute() if isinstance(self.ids, LazyIds) else self.ids

    @property
    def respondents(self) -> int:
        return len(self.ids)

    def choice(self, name: str) -> ChoiceAnswers:
        answers = self.answers[name]
        if not isinstance(answers, ChoiceAnswers):
            raise TypeError(f"{name} is not a single-choice question")
        return answers

    def multi(self, name: str) -> MultiAnswers:
        answers = self.answers[name]
        if not isinstance(answers, MultiAnswers):
            raise TypeError(f"{name} is not a multiple-choice question")
        return answers

    def text(self, name: str) -> TextAnswers:
        answers = self.answers[name]
        if not isinstance(answers, TextAnswers):
            raise TypeError(f"{name} is not a text question")
        return answers


def empty_answers(question: Question, size: int) -> Answers:
    """All-missing answers for a question whose column is absent from a file."""
    if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
        return ChoiceAnswers(question, np.full(size, MISSING_CODE, dtype=np.int16))
    if question.kind is QuestionKind.MULTI:
        return MultiAnswers(
            question,
            np.zeros((size, len(question.options)), dtype=bool),
            np.zeros(size, dtype=bool),
        )
    if question.kind is QuestionKind.TEXT:
        return TextAnswers(question, np.full(size, None, dtype=object))
    return NumberAnswers(question, np.full(size, np.nan))
