"""Multiple-choice questions: mentions and cases."""

from __future__ import annotations

import numpy as np

from teichaku.instrument import PercentBase
from teichaku.responses import MultiAnswers
from teichaku.tabulate._stats import modes_of, percent, wilson_bounds
from teichaku.tabulate.results import MultiTable, OptionCount
from teichaku.tabulate.weighted import FloatArray, effective_n, weighted_wilson


def tabulate_multi(answers: MultiAnswers, weights: FloatArray | None = None) -> MultiTable:
    """Each option's count, share of all mentions and share of cases.

    ``percent`` follows the question's percent base (``percent_base`` in the XLSForm);
    both shares are always given. The Wilson interval (``ci_low``/``ci_high``) is of the share
    of cases, whatever the percent base. With `weights`, the shares are of sums of weights and
    the interval uses the effective n of the cases; counts stay unweighted.
    """
    if weights is not None:
        return _weighted(answers, weights)
    question = answers.question
    counts = answers.selected.sum(axis=0, dtype=np.int64)
    chose_any = answers.selected.any(axis=1)
    cases = int(chose_any.sum())
    answered = int((answers.answered | chose_any).sum())
    mentions = int(counts.sum())
    base = mentions if question.percent_base is PercentBase.RESPONSES else cases
    options = tuple(
        OptionCount(
            option.value,
            option.label,
            int(count),
            percent(int(count), base),
            percent_of_responses=percent(int(count), mentions),
            percent_of_cases=percent(int(count), cases),
            ci_low=bounds[0],
            ci_high=bounds[1],
        )
        for option, count in zip(question.options, counts, strict=True)
        for bounds in [wilson_bounds(int(count), cases)]
    )
    modes = modes_of(question.option_values, counts)
    return MultiTable(
        question=question,
        n=answered,
        missing=len(answers.answered) - answered,
        mentions=mentions,
        cases=cases,
        none_selected=answered - cases,
        options=options,
        modes=modes,
        mode_percent=percent(int(counts.max()), base) if modes else None,
        percent_base=question.percent_base,
    )


def _weighted(answers: MultiAnswers, weights: FloatArray) -> MultiTable:
    question = answers.question
    counts = answers.selected.sum(axis=0, dtype=np.int64)
    totals = weights @ answers.selected
    chose_any = answers.selected.any(axis=1)
    answered_mask = answers.answered | chose_any
    cases = float(weights[chose_any].sum())
    mentions = float(totals.sum())
    cases_eff = effective_n(weights[chose_any])
    base = mentions if question.percent_base is PercentBase.RESPONSES else cases
    options = tuple(
        OptionCount(
            option.value,
            option.label,
            int(count),
            percent(float(amount), base),
            percent_of_responses=percent(float(amount), mentions),
            percent_of_cases=of_cases,
            ci_low=bounds[0],
            ci_high=bounds[1],
            weighted_count=float(amount),
        )
        for option, count, amount in zip(question.options, counts, totals, strict=True)
        for of_cases in [percent(float(amount), cases)]
        for bounds in [weighted_wilson(None if of_cases is None else of_cases / 100, cases_eff)]
    )
    modes = modes_of(question.option_values, totals)
    answered = int(answered_mask.sum())
    n_cases = int(chose_any.sum())
    return MultiTable(
        question=question,
        n=answered,
        missing=len(answers.answered) - answered,
        mentions=int(counts.sum()),
        cases=n_cases,
        none_selected=answered - n_cases,
        options=options,
        modes=modes,
        mode_percent=percent(float(totals.max()), base) if modes else None,
        percent_base=question.percent_base,
        weighted_n=float(weights[answered_mask].sum()),
        effective_n=effective_n(weights[answered_mask]),
    )
