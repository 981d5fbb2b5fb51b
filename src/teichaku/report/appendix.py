"""The report's appendix of free-text answers: every non-empty answer of the chosen text
questions, with the respondent's attributes (the survey's single- and multiple-choice answers,
as labels) beside it.

`teichaku analyze --text-appendix` (every text question) or ``--text-appendix q1,q2`` (names
or labels) chooses the questions; the web desk offers the same for its report download.
report.html lists them in an appendix, report.xlsx in a sheet per question.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from teichaku.coding.answers import (
    Answer,
    answers_from_survey,
    attribute_question_names,
    text_question_names,
)
from teichaku.instrument import Instrument, Question, QuestionKind
from teichaku.responses import ResponseTable

ALL = "all"


class AppendixError(ValueError):
    pass


@dataclass(frozen=True)
class AnswerList:
    """The descriptions (non-empty answers) of one text question, in response order."""

    question: Question
    attributes: tuple[Question, ...]  # the columns beside each answer, in instrument order
    answers: tuple[Answer, ...]
    missing: int  # respondents who wrote nothing


def appendix_questions(
    instrument: Instrument, given: str | Sequence[str] | None
) -> tuple[str, ...]:
    """The text questions `given` names: ``all`` (or an empty string) for every one, else
    names or labels separated by commas, in the instrument's order.

    >>> from teichaku.instrument import load_instrument
    >>> form = load_instrument("retention-challenges-2024")
    >>> appendix_questions(form, "all") == appendix_questions(form, "")
    True
    >>> appendix_questions(form, "self_plan_text")
    ('self_plan_text',)
    >>> appendix_questions(form, "q01_securing_users")
    Traceback (most recent call last):
    ...
    teichaku.report.appendix.AppendixError: --text-appendix: 'q01_securing_users' is not a free-text question; free-text questions: other_org_users_text, self_plan_text
    """  # noqa: E501
    texts = text_question_names(instrument)
    if given is None:
        return ()
    parts = given.split(",") if isinstance(given, str) else list(given)
    wanted = [part.strip() for part in parts if part.strip()]
    if not wanted or wanted == [ALL]:
        return texts
    chosen: set[str] = set()
    for part in wanted:
        try:
            question = instrument.find_question(part)
        except KeyError:
            question = None
        if question is None or question.kind is not QuestionKind.TEXT:
            raise AppendixError(
                f"--text-appendix: {part!r} is not a free-text question; "
                f"free-text questions: {', '.join(texts) or 'none'}"
            )
        chosen.add(question.name)
    return tuple(name for name in texts if name in chosen)


def answer_list(responses: ResponseTable, name: str) -> AnswerList:
    """Every non-empty answer to the text question `name`, with its attributes."""
    instrument = responses.instrument
    everyone = answers_from_survey(responses, name)
    described = tuple(a for a in everyone if a.is_description)
    attributes = tuple(instrument.question(n) for n in attribute_question_names(instrument))
    return AnswerList(
        instrument.question(name), attributes, described, len(everyone) - len(described)
    )


def answer_lists(responses: ResponseTable, names: Sequence[str]) -> tuple[AnswerList, ...]:
    return tuple(answer_list(responses, name) for name in names)
