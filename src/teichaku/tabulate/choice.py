"""Single-choice and Likert items."""

from __future__ import annotations

import numpy as np

from teichaku.responses import ChoiceAnswers
from teichaku.tabulate._stats import (
    modes_of,
    percent,
    t_mean_interval,
    weighted_summary,
    wilson_bounds,
)
from teichaku.tabulate.results import ChoiceTable, LikertTable, OptionCount
from teichaku.tabulate.weighted import FloatArray, effective_n, grouped_moments, weighted_wilson


def option_counts(answers: ChoiceAnswers) -> np.ndarray:
    """Count of each declared option, in declared order (missing answers left out)."""
    size = len(answers.question.options)
    # Shift by one so that missing (-1) lands in bin 0 and is dropped: no masking pass.
    shifted = answers.codes.astype(np.intp) + 1
    return np.bincount(shifted, minlength=size + 1)[1:].astype(np.int64)


def tabulate_choice(
    answers: ChoiceAnswers, weights: FloatArray | None = None
) -> ChoiceTable | LikertTable:
    """Count every declared option of a single-choice or Likert item.

    With `weights` (one per respondent), shares, mean, SD and median are weighted
    (`tabulate.weighted`); counts and n stay unweighted.

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
    if weights is not None:
        return _weighted(answers, weights)
    question = answers.question
    counts = option_counts(answers)
    n = int(counts.sum())
    values = question.option_values
    options = tuple(
        OptionCount(
            option.value,
            option.label,
            int(count),
            percent(int(count), n),
            ci_low=bounds[0],
            ci_high=bounds[1],
        )
        for option, count in zip(question.options, counts, strict=True)
        for bounds in [wilson_bounds(int(count), n)]
    )
    modes = modes_of(values, counts)
    common = {
        "question": question,
        "n": n,
        "missing": len(answers.codes) - n,
        "options": options,
        "modes": modes,
        "mode_percent": percent(int(counts.max()), n) if modes else None,
    }
    scale = question.likert
    if scale is None:
        return ChoiceTable(**common)  # type: ignore[arg-type]
    size = len(values)
    positions = np.arange(1, size + 1)
    sides = np.array([scale.side(int(p)) for p in positions])
    scores = np.array([scale.score(int(p), size) for p in positions], dtype=float)
    mean, sd, median = weighted_summary(scores, counts)
    mean_interval = t_mean_interval(mean, sd, n) or (None, None)
    has_neutral = float(scale.centre).is_integer()
    return LikertTable(
        **common,  # type: ignore[arg-type]
        low_percent=percent(int(counts[sides < 0].sum()), n),
        neutral_percent=percent(int(counts[sides == 0].sum()), n) if has_neutral else None,
        high_percent=percent(int(counts[sides > 0].sum()), n),
        mean=mean,
        sd=sd,
        median=median,
        mean_ci_low=mean_interval[0],
        mean_ci_high=mean_interval[1],
    )


def _weighted(answers: ChoiceAnswers, weights: FloatArray) -> ChoiceTable | LikertTable:
    question = answers.question
    counts = option_counts(answers)
    n = int(counts.sum())
    shifted = answers.codes.astype(np.intp) + 1
    size = len(question.options)
    totals = np.bincount(shifted, weights=weights, minlength=size + 1)[1:].astype(np.float64)
    total = float(totals.sum())
    n_eff = effective_n(weights[answers.codes >= 0])
    options = tuple(
        OptionCount(
            option.value,
            option.label,
            int(count),
            share,
            ci_low=bounds[0],
            ci_high=bounds[1],
            weighted_count=float(amount),
        )
        for option, count, amount in zip(question.options, counts, totals, strict=True)
        for share in [percent(float(amount), total)]
        for bounds in [weighted_wilson(None if share is None else share / 100, n_eff)]
    )
    modes = modes_of(question.option_values, totals) if n else ()
    common = {
        "question": question,
        "n": n,
        "missing": len(answers.codes) - n,
        "options": options,
        "modes": modes,
        "mode_percent": percent(float(totals.max()), total) if modes else None,
        "weighted_n": total,
        "effective_n": n_eff,
    }
    scale = question.likert
    if scale is None:
        return ChoiceTable(**common)  # type: ignore[arg-type]
    positions = np.arange(1, size + 1)
    sides = np.array([scale.side(int(p)) for p in positions])
    scores = np.array([scale.score(int(p), size) for p in positions], dtype=float)
    mean, sd, median = grouped_moments(scores, totals, counts)
    mean_interval = t_mean_interval(mean, sd, n_eff) or (None, None)
    has_neutral = float(scale.centre).is_integer()
    return LikertTable(
        **common,  # type: ignore[arg-type]
        low_percent=percent(float(totals[sides < 0].sum()), total),
        neutral_percent=percent(float(totals[sides == 0].sum()), total) if has_neutral else None,
        high_percent=percent(float(totals[sides > 0].sum()), total),
        mean=mean,
        sd=sd,
        median=median,
        mean_ci_low=mean_interval[0],
        mean_ci_high=mean_interval[1],
    )
