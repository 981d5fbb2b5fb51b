"""The instrument model: the single source of question names, labels and options.

Every other part of teichaku (importers, tabulation, reports, the web form) reads
questions from here and never from the XLSForm directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

DEFAULT_LANGUAGE = "ja"


class QuestionKind(StrEnum):
    """What a question collects, as the analysis sees it."""

    LIKERT = "likert"
    SINGLE = "single"
    MULTI = "multi"
    TEXT = "text"
    NUMBER = "number"


class PercentBase(StrEnum):
    """Which base a report uses for the shares of a multiple-choice question."""

    CASES = "cases"  # % of respondents who answered the question (sums past 100 %)
    RESPONSES = "responses"  # % of all mentions (sums to 100 %)


def pick_label(labels: Mapping[str, str], language: str = DEFAULT_LANGUAGE) -> str:
    """The label in `language`, else the first one given, else an empty string."""
    if language in labels:
        return labels[language]
    return next(iter(labels.values()), "")


@dataclass(frozen=True)
class Option:
    """One declared choice: its stored `value` (XLSForm `name`) and its labels by language.

    `score` is its value on an ordinal scale when the XLSForm's ``score`` column gives one."""

    value: str
    labels: Mapping[str, str]
    score: float | None = None

    @property
    def label(self) -> str:
        return pick_label(self.labels)


OTHER_VALUE = "other"


@dataclass(frozen=True)
class LikertScale:
    """How a select_one is read as an ordered scale.

    `centre` is the 1-based position on the scale that counts as neutral; a half position
    (2.5 on a 4-point scale) means there is no neutral option. `high_is_last` says which end
    of the declared order is "high" (agreement, importance, a bigger problem).
    """

    centre: float
    high_is_last: bool = True

    def score(self, position: int, size: int) -> int:
        """The numeric score (1…size) of the option at 1-based `position`."""
        return position if self.high_is_last else size + 1 - position

    def side(self, position: int) -> int:
        """-1 for the low side, 0 for neutral, +1 for the high side of the centre."""
        if position == self.centre:
            return 0
        above = position > self.centre
        return 1 if above == self.high_is_last else -1


@dataclass(frozen=True)
class Question:
    """One question of an instrument, with everything needed to collect and tabulate it."""

    name: str
    kind: QuestionKind
    labels: Mapping[str, str]
    options: tuple[Option, ...] = ()
    required: bool = False
    relevant: str | None = None
    or_other: bool = False
    group: str | None = None
    likert: LikertScale | None = None
    percent_base: PercentBase = PercentBase.CASES
    hints: Mapping[str, str] = field(default_factory=dict)
    ordinal: bool = False  # a select_one the instrument marks as an ordered scale (not Likert)

    @property
    def label(self) -> str:
        return pick_label(self.labels)

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    @property
    def scores(self) -> tuple[float, ...] | None:
        """Each option's score on the question's ordered scale, in declared order; ``None``
        for a question that is no scale.

        A Likert item scores its options 1…k (reversed when the first is high); an ordinal
        item (XLSForm ``ordinal``) takes the choices' ``score`` column, else 1…k in the
        declared order.

        >>> Question("q", QuestionKind.SINGLE, {}, (Option("a", {}), Option("b", {}))).scores
        >>> Question("q", QuestionKind.SINGLE, {}, (Option("a", {}), Option("b", {})),
        ...          ordinal=True).scores
        (1.0, 2.0)
        """
        size = len(self.options)
        if self.likert is not None:
            return tuple(float(self.likert.score(p, size)) for p in range(1, size + 1))
        if self.ordinal:
            return tuple(
                float(position) if option.score is None else option.score
                for position, option in enumerate(self.options, 1)
            )
        return None

    def option(self, value: str) -> Option:
        for option in self.options:
            if option.value == value:
                return option
        raise KeyError(f"{self.name} has no option {value!r}")


@dataclass(frozen=True)
class Note:
    """A piece of text shown to respondents that collects nothing (XLSForm `note`)."""

    name: str
    labels: Mapping[str, str]
    group: str | None = None


@dataclass(frozen=True)
class Group:
    """An XLSForm group: a titled section of questions."""

    name: str
    labels: Mapping[str, str]
    parent: str | None = None
    relevant: str | None = None


@dataclass(frozen=True)
class Instrument:
    """A survey instrument: its questions in order, with notes and groups beside them."""

    form_id: str
    titles: Mapping[str, str]
    languages: tuple[str, ...]
    questions: tuple[Question, ...]
    notes: tuple[Note, ...] = ()
    groups: tuple[Group, ...] = ()
    source: str = ""

    @property
    def title(self) -> str:
        return pick_label(self.titles)

    def question(self, name: str) -> Question:
        for question in self.questions:
            if question.name == name:
                return question
        known = ", ".join(q.name for q in self.questions)
        raise KeyError(f"no question {name!r} in {self.form_id}; questions: {known}")

    def find_question(self, name_or_label: str) -> Question:
        """The question named `name_or_label`, else the one whose label (in any language) it
        is; KeyError when none is, or when the label is two questions'."""
        text = name_or_label.strip()
        if any(q.name == text for q in self.questions):
            return self.question(text)
        found = [q for q in self.questions if text in {v.strip() for v in q.labels.values()}]
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(q.name for q in found)
            raise KeyError(f"{text!r} is the label of several questions: {names}; use a name")
        return self.question(text)

    def questions_of(self, *kinds: QuestionKind) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.kind in kinds)
