"""Every table of a survey, in the instrument's order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from teichaku.coding import Codebook, Coding
from teichaku.responses import (
    ChoiceAnswers,
    MultiAnswers,
    NumberAnswers,
    ResponseTable,
    TextAnswers,
)
from teichaku.tabulate.choice import tabulate_choice
from teichaku.tabulate.coded_text import tabulate_coded_text
from teichaku.tabulate.cross import CrossTableError, cross_tabulate
from teichaku.tabulate.multi import tabulate_multi
from teichaku.tabulate.other import tabulate_number, tabulate_text
from teichaku.tabulate.results import CrossTable, QuestionTable, SurveyTables, Weighting
from teichaku.tabulate.weighted import describe_weights


def tabulate_survey(
    responses: ResponseTable,
    codings: Sequence[Coding] = (),
    codebooks: Mapping[str, Codebook] | None = None,
    by: str | None = None,
    codings_source: str = "codings",
    weighting: Weighting | None = None,
) -> SurveyTables:
    """Tabulate every question; text questions with codings become coded-text tables
    (in the order of the question's codebook, when one is given).

    With `by` (a question's name or label), every other choice question is also
    cross-tabulated by it.

    When `responses` carry weights, choice, multiple-choice and number tables are weighted
    (coded text and cross tables stay counts); `weighting` describes them (raking's report),
    else it is described from the weights themselves.
    """
    weights = responses.weights
    if weights is not None and weighting is None:
        weighting = describe_weights(weights, "column", responses.weights_column)
    codebooks = codebooks or {}
    coded_questions = {coding.question for coding in codings}
    unknown = coded_questions - {q.name for q in responses.instrument.questions}
    if unknown:
        raise ValueError(
            f"{codings_source}: column 'question': {', '.join(sorted(unknown))} "
            "not in the instrument"
        )
    tables: list[QuestionTable] = []
    for question in responses.instrument.questions:
        answers = responses.answers[question.name]
        if isinstance(answers, ChoiceAnswers):
            tables.append(tabulate_choice(answers, weights))
        elif isinstance(answers, MultiAnswers):
            tables.append(tabulate_multi(answers, weights))
        elif isinstance(answers, TextAnswers):
            if question.name in coded_questions:
                tables.append(
                    tabulate_coded_text(
                        answers,
                        responses.response_ids,
                        codings,
                        codebooks.get(question.name),
                        codings_source,
                    )
                )
            else:
                tables.append(tabulate_text(answers))
        elif isinstance(answers, NumberAnswers):
            tables.append(tabulate_number(answers, weights))
    cross: tuple[CrossTable, ...] = ()
    if by is not None:
        try:  # a question's name or its label
            by = responses.instrument.find_question(by).name
        except KeyError as error:
            raise CrossTableError(error.args[0]) from None
        cross = tuple(
            cross_tabulate(responses, name, by)
            for name, answers in responses.answers.items()
            if name != by and isinstance(answers, ChoiceAnswers | MultiAnswers)
        )
    return SurveyTables(
        form_id=responses.instrument.form_id,
        title=responses.instrument.title,
        respondents=responses.respondents,
        questions=tuple(tables),
        cross_tables=cross,
        groups=responses.instrument.groups,
        weighting=weighting,
    )
