"""Weighted figures: sums of weights, Kish's effective n, weighted moments and the median.

Conventions (stated once, here, and in docs/analysis.md):

- a share is Σw of those who chose the option / Σw of the base, in percent;
- ``weighted_n`` is Σw of the base; ``effective_n`` is Kish's (Σw)² / Σw², the number of
  unweighted answers that would be as precise; it is at most n, and n when all weights are
  equal;
- the weighted mean is Σw·x / Σw; the weighted SD is √(Σw(x − m)² / Σw · n / (n − 1)), the
  usual reading of sampling weights (Stata's analytic weights): with equal weights it is the
  sample SD (n − 1), and it does not change when every weight is multiplied by a constant;
- the weighted median is the smallest value whose cumulative weight reaches half of Σw, the
  mean of it and the next value when the half is reached exactly (the unweighted rule when
  all weights are equal);
- intervals use ``effective_n`` in place of n (Wilson for shares, t with effective_n − 1
  degrees of freedom for a mean).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from teichaku.tabulate._stats import wilson_bounds, wilson_interval
from teichaku.tabulate.results import TargetShare, Weighting

FloatArray = npt.NDArray[np.float64]
_HALF_TOLERANCE = 1e-12  # relative: a cumulative weight within this of the half is the half


def effective_n(weights: FloatArray) -> float:
    """Kish's effective sample size (Σw)² / Σw²; 0 for no weights.

    >>> effective_n(np.array([1.0, 1.0, 1.0, 1.0]))
    4.0
    >>> effective_n(np.array([1.0, 3.0]))
    1.6
    """
    squares = float(np.dot(weights, weights))
    return float(weights.sum()) ** 2 / squares if squares else 0.0


def design_effect(weights: FloatArray) -> float:
    """Kish's design effect of unequal weights, n·Σw²/(Σw)² (1 when all are equal)."""
    n_eff = effective_n(weights)
    return len(weights) / n_eff if n_eff else 1.0


def weighted_wilson(share: float | None, n_eff: float) -> tuple[float | None, float | None]:
    """The 95 % Wilson interval of a weighted share (0–1) with the effective n, in percent."""
    if share is None or n_eff <= 0:
        return None, None
    interval = wilson_interval(share * n_eff, n_eff)
    return (None, None) if interval is None else interval


def share_interval(
    amount: float, base: float, n_eff: float | None
) -> tuple[float | None, float | None]:
    """The 95 % Wilson interval (percent) of `amount` out of `base`: of counts when `n_eff` is
    ``None`` (unweighted), else of sums of weights with Kish's effective n of the base."""
    if n_eff is None:
        return wilson_bounds(int(amount), int(base))
    return weighted_wilson(amount / base if base else None, n_eff)


def moments(
    values: FloatArray, weights: FloatArray
) -> tuple[float | None, float | None, float | None]:
    """Weighted mean, SD and median of `values` (see the conventions above).

    >>> moments(np.array([1.0, 2.0, 3.0, 4.0]), np.ones(4))
    (2.5, 1.2909944487358056, 2.5)
    """
    n = len(values)
    total = float(weights.sum())
    if n == 0 or total <= 0:
        return None, None, None
    mean = float(np.dot(weights, values) / total)
    sd = None
    if n > 1:
        sd = float(np.sqrt(np.dot(weights, (values - mean) ** 2) / total * n / (n - 1)))
    return mean, sd, _median(values, weights, total)


def grouped_moments(
    scores: FloatArray, totals: npt.NDArray[Any], counts: npt.NDArray[Any]
) -> tuple[float | None, float | None, float | None]:
    """`moments` of answers grouped by score: `totals` Σw and `counts` answers per score.

    Unweighted, `totals` is `counts` and the figures are the sample mean, SD (n − 1) and
    median to the last digit (the SD's denominator Σw·(n − 1)/n is then exactly n − 1).

    >>> grouped_moments(np.array([1.0, 2.0, 3.0]), np.array([1, 2, 1]), np.array([1, 2, 1]))
    (2.0, 0.816496580927726, 2.0)
    """
    n = int(counts.sum())
    total = float(totals.sum())
    if n == 0 or total <= 0:
        return None, None, None
    mean = float((scores * totals).sum() / total)
    sd = None
    if n > 1:
        sd = float(np.sqrt(((scores - mean) ** 2 * totals).sum() / (total * (n - 1) / n)))
    kept = counts > 0
    return mean, sd, _median(scores[kept], totals[kept], total)


def _median(values: FloatArray, weights: FloatArray, total: float) -> float:
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    cumulative = np.cumsum(weights[order])
    half = total / 2
    position = int(np.searchsorted(cumulative, half * (1 - _HALF_TOLERANCE)))
    if abs(cumulative[position] - half) <= half * _HALF_TOLERANCE and position + 1 < len(ordered):
        return float((ordered[position] + ordered[position + 1]) / 2)
    return float(ordered[position])


def describe_weights(
    weights: FloatArray,
    method: str,
    column: str = "",
    *,
    targets_source: str = "",
    iterations: int = 0,
    targets: tuple[TargetShare, ...] = (),
) -> Weighting:
    """How far the weights spread: min, max, Kish's design effect and effective n."""
    n = len(weights)
    return Weighting(
        method=method,
        column=column,
        targets_source=targets_source,
        respondents=n,
        total=float(weights.sum()),
        minimum=float(weights.min()) if n else 0.0,
        maximum=float(weights.max()) if n else 0.0,
        design_effect=design_effect(weights),
        effective_n=effective_n(weights),
        iterations=iterations,
        targets=targets,
    )
