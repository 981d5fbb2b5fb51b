"""Small numeric helpers shared by the tables."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.stats import norm
from scipy.stats import t as t_dist


def percent(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole`; ``None`` when there is no base (a Python float,
    also for numpy counts or sums)."""
    return float(100.0 * part / whole) if whole else None


def modes_of(values: tuple[str, ...], counts: npt.NDArray[Any]) -> tuple[str, ...]:
    """Values of the most frequent options, ties kept in declared order; none if all zero.

    `counts` may be sums of weights."""
    if len(counts) == 0 or counts.max() == 0:
        return ()
    top = counts.max()
    return tuple(value for value, count in zip(values, counts, strict=True) if count == top)


CONFIDENCE = 0.95
SMALL_BASE = 30  # a question answered by fewer is flagged: its shares are unstable


def small_base(n: int, effective_n: float | None = None) -> bool:
    """Whether a question answered by `n` people is flagged: fewer than `SMALL_BASE`.

    Weighted, the base is as small as its Kish effective n (never above n).

    >>> small_base(29), small_base(30), small_base(40, effective_n=29.5)
    (True, False, True)
    """
    return (n if effective_n is None else min(n, effective_n)) < SMALL_BASE


@functools.lru_cache(maxsize=8)
def normal_quantile(confidence: float) -> float:
    """z of a two-sided interval at `confidence` (1.959964… at 95 %): computed once per
    level, since every option's interval asks for it."""
    return float(norm.isf((1 - confidence) / 2))


def wilson_interval(
    count: float, n: float, confidence: float = CONFIDENCE
) -> tuple[float, float] | None:
    """The Wilson score interval of `count` out of `n`, in percent; ``None`` when ``n == 0``.

    Weighted shares call it with the effective n and share × effective n (`weighted.py`).

    Closed form with z the two-sided normal quantile and p̂ = count/n:
    (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), clipped to 0–100 (as statsmodels'
    ``proportion_confint(method="wilson")``). Unlike p̂ ± z·SE it stays inside 0–100 and
    is not zero-width at 0 % or 100 %.

    >>> low, high = wilson_interval(0, 10)
    >>> low, round(high, 2)
    (0.0, 27.75)
    >>> [round(x, 2) for x in wilson_interval(5, 10)]
    [23.66, 76.34]
    """
    if n == 0:
        return None
    z = normal_quantile(confidence)
    p = count / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * float(np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / denominator
    # At 0 and n the bound is exactly 0 % or 100 %; the subtraction would leave 1e-15.
    low = 0.0 if count == 0 else max(centre - half, 0.0)
    high = 1.0 if count == n else min(centre + half, 1.0)
    return 100 * low, 100 * high


def wilson_bounds(count: int, n: int) -> tuple[float | None, float | None]:
    """`wilson_interval` at 95 % as (low, high), both ``None`` when there is no base."""
    interval = wilson_interval(count, n)
    return (None, None) if interval is None else interval


def t_mean_interval(
    mean: float | None, sd: float | None, n: float, confidence: float = CONFIDENCE
) -> tuple[float, float] | None:
    """The t-based interval of a mean: mean ± t(1−α/2, n−1)·sd/√n; ``None`` when n < 2.

    A weighted mean passes Kish's effective n (possibly fractional) as `n`.

    `sd` is the sample standard deviation (n − 1). The scores are treated as interval data
    (the usual reading of a Likert mean); with few answers the interval is wide.

    >>> [round(x, 3) for x in t_mean_interval(4.0, 1.0, 10)]
    [3.285, 4.715]
    """
    if mean is None or sd is None or n < 2:
        return None
    half = float(t_dist.ppf(1 - (1 - confidence) / 2, n - 1)) * sd / float(np.sqrt(n))
    return mean - half, mean + half
