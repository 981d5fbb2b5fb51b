"""Small numeric helpers shared by the tables."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def percent(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole`; ``None`` when there is no base."""
    return 100.0 * part / whole if whole else None


def modes_of(values: tuple[str, ...], counts: npt.NDArray[np.int64]) -> tuple[str, ...]:
    """Values of the most frequent options, ties kept in declared order; none if all zero."""
    if len(counts) == 0 or counts.max() == 0:
        return ()
    top = counts.max()
    return tuple(value for value, count in zip(values, counts, strict=True) if count == top)


def weighted_summary(
    scores: npt.NDArray[np.float64], counts: npt.NDArray[np.int64]
) -> tuple[float | None, float | None, float | None]:
    """Mean, sample SD and median of `scores` repeated `counts` times, without expanding."""
    n = int(counts.sum())
    if n == 0:
        return None, None, None
    mean = float((scores * counts).sum() / n)
    sd = float(np.sqrt(((scores - mean) ** 2 * counts).sum() / (n - 1))) if n > 1 else None
    order = np.argsort(scores, kind="stable")
    cumulative = np.cumsum(counts[order])
    sorted_scores = scores[order]
    # The median is the mean of the order statistics at positions ⌊(n−1)/2⌋ and ⌊n/2⌋.
    lower = sorted_scores[np.searchsorted(cumulative, (n - 1) // 2 + 1)]
    upper = sorted_scores[np.searchsorted(cumulative, n // 2 + 1)]
    return mean, sd, float((lower + upper) / 2)
