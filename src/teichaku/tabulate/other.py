"""Free text without codings, and numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from teichaku.responses import NumberAnswers, TextAnswers
from teichaku.tabulate.results import NumberTable, TextTable
from teichaku.tabulate.weighted import FloatArray, effective_n, moments


def answered_text(answers: TextAnswers) -> np.ndarray:
    """Mask of respondents who wrote something (importers store blank answers as ``None``)."""
    return np.asarray(pd.notna(answers.values), dtype=bool)


def tabulate_text(answers: TextAnswers) -> TextTable:
    n = int(answered_text(answers).sum())
    return TextTable(answers.question, n, len(answers.values) - n)


def tabulate_number(answers: NumberAnswers, weights: FloatArray | None = None) -> NumberTable:
    """Mean, SD, median, min and max; weighted (`tabulate.weighted`) when `weights` are given."""
    present = ~np.isnan(answers.values)
    values = answers.values[present]
    n = len(values)
    if weights is not None:
        mean, sd, median = moments(values, weights[present])
        return NumberTable(
            question=answers.question,
            n=n,
            missing=len(answers.values) - n,
            mean=mean,
            sd=sd,
            median=median,
            minimum=float(values.min()) if n else None,
            maximum=float(values.max()) if n else None,
            weighted_n=float(weights[present].sum()),
            effective_n=effective_n(weights[present]),
        )
    return NumberTable(
        question=answers.question,
        n=n,
        missing=len(answers.values) - n,
        mean=float(values.mean()) if n else None,
        sd=float(values.std(ddof=1)) if n > 1 else None,
        median=float(np.median(values)) if n else None,
        minimum=float(values.min()) if n else None,
        maximum=float(values.max()) if n else None,
    )
