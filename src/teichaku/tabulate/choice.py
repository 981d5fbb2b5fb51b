"""Single-choice and Likert items."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from teichaku.responses import ChoiceAnswers
from teichaku.tabulate._stats import modes_of, percent, t_mean_interval
from teichaku.tabulate.results import ChoiceTable, LikertTable, OptionCount, OrdinalTable
from teichaku.tabulate.weighted import FloatArray, effective_n, grouped_moments, share_interval


def option_counts(answers: ChoiceAnswers) -> np.ndarray:
    """Count of each declared option, in declared order (missing answers left out)."""
    size = len(answers.question.options)
    # Shift by one so that missing (-1) lands in bin 0 and is dropped: no masking pass.
    shifted = answers.codes.astype(np.intp) + 1
    return np.bincount(shifted, minlength=size + 1)[1:].astype(np.int64)


def tabulate_choice(
    answers: ChoiceAnswers, weights: FloatArray | None = None
) -> ChoiceTable | OrdinalTable | LikertTable:
    """Count every declared option of a single-choice, ordinal or Likert item.

    An ordered scale (`Question.scores`: Likert or ordinal) also gets the mean, SD and median
    of its scores and the mean's interval; a Likert item its low, neutral and high sides.
    With `weights` (one per respondent), shares, mean, SD and median are weighted
    (`tabulate.weighted`); counts and n stay unweighted. Unweighted is the same arithmetic
    with every answer weighing 1.

    >>> from teichaku.instrument import load_instrument
    >>> from teichaku.responses import responses_from_records
    >>> form = load_instrument("retention-challenges-2024")
    >>> rows = [{"q01_securing_users": value} for value in ["7", "7", "6", "4", None]]
    >>> table = tabulate_choice(responses_from_records(form, rows).choice("q01_securing_users"))
    >>> table.n, table.missing, table.modes, table.mode_percent
    (4, 1, ('7',), 50.0)
    >>> table.high_percent, table.mean, table.median  # a Likert item: 5–7 is the high side
    (75.0, 6.0, 6.5)
    """
    question = answers.question
    counts = option_counts(answers)
    n = int(counts.sum())
    if weights is None:  # each answer weighs 1: the totals are the counts
        totals: npt.NDArray[Any] = counts
        weighted_n = n_eff = None
    else:
        shifted = answers.codes.astype(np.intp) + 1
        size = len(question.options) + 1
        totals = np.bincount(shifted, weights=weights, minlength=size)[1:].astype(np.float64)
        weighted_n = float(totals.sum())
        n_eff = effective_n(weights[answers.codes >= 0])
    total = float(totals.sum())
    options = tuple(
        OptionCount(
            option.value,
            option.label,
            int(count),
            percent(amount, total),
            ci_low=bounds[0],
            ci_high=bounds[1],
            weighted_count=None if weights is None else float(amount),
        )
        for option, count, amount in zip(question.options, counts, totals, strict=True)
        for bounds in [share_interval(amount, total, n_eff)]
    )
    modes = modes_of(question.option_values, totals)
    common = {
        "question": question,
        "n": n,
        "missing": len(answers.codes) - n,
        "options": options,
        "modes": modes,
        "mode_percent": percent(totals.max(), total) if modes else None,
        "weighted_n": weighted_n,
        "effective_n": n_eff,
    }
    scores_of = question.scores
    if scores_of is None:
        return ChoiceTable(**common)  # type: ignore[arg-type]
    scores = np.array(scores_of, dtype=float)
    mean, sd, median = grouped_moments(scores, totals, counts)
    mean_interval = t_mean_interval(mean, sd, n if n_eff is None else n_eff) or (None, None)
    summary: dict[str, object] = {
        "mean": mean,
        "sd": sd,
        "median": median,
        "mean_ci_low": mean_interval[0],
        "mean_ci_high": mean_interval[1],
    }
    scale = question.likert
    if scale is None:
        return OrdinalTable(**common, **summary)  # type: ignore[arg-type]
    sides = np.array([scale.side(position) for position in range(1, len(scores) + 1)])
    return LikertTable(
        **common,  # type: ignore[arg-type]
        **summary,  # type: ignore[arg-type]
        low_percent=percent(totals[sides < 0].sum(), total),
        neutral_percent=percent(totals[sides == 0].sum(), total)
        if float(scale.centre).is_integer()
        else None,
        high_percent=percent(totals[sides > 0].sum(), total),
    )
