"""Multiple-choice questions: mentions and cases."""

from __future__ import annotations

import numpy as np

from teichaku.instrument import PercentBase
from teichaku.responses import MultiAnswers
from teichaku.tabulate._stats import modes_of, percent, wilson_bounds
from teichaku.tabulate.results import MultiTable, OptionCount


def tabulate_multi(answers: MultiAnswers) -> MultiTable:
    """Each option's count, share of all mentions and share of cases.

    ``percent`` follows the question's percent base (``percent_base`` in the XLSForm);
    both shares are always given. The Wilson interval (``ci_low``/``ci_high``) is of the share
    of cases, whatever the percent base.
    """
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
