"""Multiple-choice questions: mentions and cases."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from teichaku.instrument import PercentBase
from teichaku.responses import MultiAnswers
from teichaku.tabulate._stats import modes_of, percent
from teichaku.tabulate.results import MultiTable, OptionCount
from teichaku.tabulate.weighted import FloatArray, effective_n, share_interval


def tabulate_multi(answers: MultiAnswers, weights: FloatArray | None = None) -> MultiTable:
    """Each option's count, share of all mentions and share of cases.

    ``percent`` follows the question's percent base (``percent_base`` in the XLSForm);
    both shares are always given. The Wilson interval (``ci_low``/``ci_high``) is of the share
    of cases, whatever the percent base. With `weights`, the shares are of sums of weights and
    the interval uses the effective n of the cases; counts stay unweighted. Unweighted is the
    same arithmetic with every answer weighing 1.
    """
    question = answers.question
    counts = answers.selected.sum(axis=0, dtype=np.int64)
    chose_any = answers.selected.any(axis=1)
    answered_mask = answers.answered | chose_any
    if weights is None:  # each answer weighs 1: the totals are the counts
        totals: npt.NDArray[Any] = counts
        cases = float(chose_any.sum())
        cases_eff = weighted_n = n_eff = None
    else:
        totals = weights @ answers.selected
        cases = float(weights[chose_any].sum())
        cases_eff = effective_n(weights[chose_any])
        weighted_n = float(weights[answered_mask].sum())
        n_eff = effective_n(weights[answered_mask])
    mentions = float(totals.sum())
    base = mentions if question.percent_base is PercentBase.RESPONSES else cases
    options = tuple(
        OptionCount(
            option.value,
            option.label,
            int(count),
            percent(amount, base),
            percent_of_responses=percent(amount, mentions),
            percent_of_cases=percent(amount, cases),
            ci_low=bounds[0],
            ci_high=bounds[1],
            weighted_count=None if weights is None else float(amount),
        )
        for option, count, amount in zip(question.options, counts, totals, strict=True)
        for bounds in [share_interval(amount, cases, cases_eff)]
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
        mode_percent=percent(totals.max(), base) if modes else None,
        percent_base=question.percent_base,
        weighted_n=weighted_n,
        effective_n=n_eff,
        weighted_cases=None if weights is None else cases,
        effective_cases=cases_eff,
    )
