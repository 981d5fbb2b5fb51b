"""Pearson's χ² test of a contingency table, with the small-expected-count check.

Used by the cross tables (a question by a grouping question) and by the comparison of
waves (a question's options by wave), so that both drop empty rows and columns and flag
unreliable approximations by the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.stats import chi2_contingency

SMALL_EXPECTED = 5.0


@dataclass(frozen=True)
class Chi2Test:
    chi2: float
    dof: int
    p_value: float
    cramers_v: float
    min_expected: float
    small_expected_share: float  # share of cells with an expected count below 5

    @property
    def unreliable(self) -> bool:
        """Some expected count below 1, or more than a fifth below 5 (Cochran's rule)."""
        return self.min_expected < 1 or self.small_expected_share > 0.2

    @property
    def warning(self) -> str | None:
        if not self.unreliable:
            return None
        return (
            f"{self.small_expected_share:.0%} of cells have an expected count below 5 "
            f"(smallest {self.min_expected:.2f}): the χ² approximation is unreliable"
        )


def chi2_test(counts: npt.NDArray[np.int64]) -> Chi2Test | None:
    """χ² without continuity correction on `counts` with all-zero rows and columns left out
    (they have no positive expected counts); ``None`` when fewer than two rows or columns
    remain.

    >>> result = chi2_test(np.array([[10, 20], [20, 10], [0, 0]]))
    >>> round(result.chi2, 3), result.dof, round(result.cramers_v, 3)
    (6.667, 1, 0.333)
    """
    kept = counts[counts.sum(axis=1) > 0][:, counts.sum(axis=0) > 0]
    if kept.shape[0] < 2 or kept.shape[1] < 2:
        return None
    result = chi2_contingency(kept, correction=False)
    expected = np.asarray(result.expected_freq)
    chi2 = float(result.statistic)
    return Chi2Test(
        chi2=chi2,
        dof=int(result.dof),
        p_value=float(result.pvalue),
        cramers_v=float(np.sqrt(chi2 / (kept.sum() * (min(kept.shape) - 1)))),
        min_expected=float(expected.min()),
        small_expected_share=float((expected < SMALL_EXPECTED).mean()),
    )
