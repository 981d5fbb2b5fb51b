"""Waves of one instrument compared item by item: shares per wave, each wave against the one
before it (the difference of each share with its Newcombe interval; χ² for choices,
Mann–Whitney U with the effect size r for Likert items).

Every wave is tabulated by the same functions as a single analysis (`tabulate_choice`,
`tabulate_multi`), so a wave's shares here equal its own `tables.json`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.stats import mannwhitneyu
from statsmodels.stats.proportion import confint_proportions_2indep

from teichaku.instrument import Group, Question
from teichaku.instrument.compare import instrument_difference
from teichaku.responses import ChoiceAnswers, MultiAnswers, ResponseTable
from teichaku.tabulate._stats import CONFIDENCE
from teichaku.tabulate.chi2 import Chi2Test, chi2_test
from teichaku.tabulate.choice import option_counts, tabulate_choice
from teichaku.tabulate.multi import tabulate_multi
from teichaku.tabulate.results import ChoiceTable, LikertTable, MultiTable

WaveTable = ChoiceTable | LikertTable | MultiTable


class WavesError(ValueError):
    """Waves that cannot be compared: fewer than two, unnamed, or of different instruments."""


@dataclass(frozen=True)
class Wave:
    label: str
    responses: ResponseTable


@dataclass(frozen=True)
class ShareChange:
    """One share from the earlier wave to the later, in percent and percentage points."""

    value: str  # the option's value ("" for a Likert item's high side)
    label: str
    count_before: int
    base_before: int
    count_after: int
    base_after: int
    percent_before: float | None
    percent_after: float | None
    difference: float | None  # after − before, percentage points; None on an empty base
    ci_low: float | None  # Newcombe's hybrid score interval of the difference (points)
    ci_high: float | None


@dataclass(frozen=True)
class MannWhitney:
    """Mann–Whitney U of the later wave's scores against the earlier's.

    ``u`` and ``p_value`` are scipy's `mannwhitneyu(after, before)` (two-sided, its default
    method). ``z`` is the normal approximation with the tie correction and no continuity
    correction, positive when the later wave scores higher; ``r = z / √N`` (N = both n).
    """

    u: float
    p_value: float
    z: float | None  # None when every answer has the same score (no spread to test)
    r: float | None


@dataclass(frozen=True)
class WaveStep:
    """One wave (`after`) against the wave before it (`before`)."""

    before: str
    after: str
    n_before: int
    n_after: int
    shares: tuple[ShareChange, ...]  # every option, declared order
    high: ShareChange | None = None  # a Likert item's high side
    mean_difference: float | None = None  # a Likert item: after − before
    chi2: Chi2Test | None = None  # single choice (not Likert): options × the two waves
    mann_whitney: MannWhitney | None = None  # a Likert item

    @property
    def test(self) -> str | None:
        """Which test was made: ``chi2``, ``mann_whitney`` or ``None``."""
        if self.chi2 is not None:
            return "chi2"
        return "mann_whitney" if self.mann_whitney is not None else None


@dataclass(frozen=True)
class ItemWaves:
    """One question across the waves."""

    question: Question
    tables: tuple[WaveTable, ...]  # one per wave, in wave order
    steps: tuple[WaveStep, ...]  # wave i against wave i − 1, for i ≥ 1


@dataclass(frozen=True)
class WavesComparison:
    form_id: str
    title: str
    labels: tuple[str, ...]
    respondents: tuple[int, ...]
    sources: tuple[str, ...]
    items: tuple[ItemWaves, ...]
    groups: tuple[Group, ...] = ()
    confidence: float = CONFIDENCE


def share_change(
    value: str, label: str, before: tuple[int, int], after: tuple[int, int]
) -> ShareChange:
    """`after`'s share minus `before`'s, each (count, base), with Newcombe's interval.

    The interval is statsmodels' ``confint_proportions_2indep(method="newcomb")`` (Wilson
    score intervals of both shares combined), in percentage points.

    >>> change = share_change("a", "A", (2, 10), (5, 10))
    >>> round(change.difference, 1), round(change.ci_low, 1), round(change.ci_high, 1)
    (30.0, -10.7, 60.0)
    """
    (count_before, base_before), (count_after, base_after) = before, after
    percent_before = 100.0 * count_before / base_before if base_before else None
    percent_after = 100.0 * count_after / base_after if base_after else None
    difference = ci_low = ci_high = None
    if percent_before is not None and percent_after is not None:
        difference = percent_after - percent_before
        low, high = confint_proportions_2indep(
            count_after,
            base_after,
            count_before,
            base_before,
            method="newcomb",
            compare="diff",
            alpha=1 - CONFIDENCE,
        )
        ci_low, ci_high = 100.0 * float(low), 100.0 * float(high)
    return ShareChange(
        value,
        label,
        count_before,
        base_before,
        count_after,
        base_after,
        percent_before,
        percent_after,
        difference,
        ci_low,
        ci_high,
    )


def mann_whitney(after: npt.NDArray[np.float64], before: npt.NDArray[np.float64]) -> MannWhitney:
    """U and p from scipy; z with the tie correction; r = z/√N.

    >>> result = mann_whitney(np.array([4.0, 5.0, 6.0]), np.array([1.0, 2.0, 3.0]))
    >>> result.u, round(result.z, 4), round(result.r, 4)
    (9.0, 1.964, 0.8018)
    """
    test = mannwhitneyu(after, before, alternative="two-sided")
    n1, n2 = len(after), len(before)
    total = n1 + n2
    _values, ties = np.unique(np.concatenate([after, before]), return_counts=True)
    tie_term = float((ties.astype(np.float64) ** 3 - ties).sum()) / (total * (total - 1))
    variance = n1 * n2 / 12.0 * ((total + 1) - tie_term)
    if variance <= 0:
        return MannWhitney(float(test.statistic), float(test.pvalue), None, None)
    z = (float(test.statistic) - n1 * n2 / 2.0) / float(np.sqrt(variance))
    return MannWhitney(float(test.statistic), float(test.pvalue), z, z / float(np.sqrt(total)))


def _scores(answers: ChoiceAnswers) -> npt.NDArray[np.float64]:
    """Each valid answer's score on the Likert scale (1 … size, high = high)."""
    scores = answers.question.scores
    assert scores is not None
    table = np.array(scores, dtype=np.float64)
    codes = answers.codes
    return table[codes[codes >= 0]]


def _shares(table: WaveTable) -> tuple[list[int], int]:
    """Each option's count and the base of its share: valid answers, or cases."""
    counts = [option.count for option in table.options]
    return counts, table.cases if isinstance(table, MultiTable) else table.n


def _step(
    labels: tuple[str, str],
    tables: tuple[WaveTable, WaveTable],
    answers: tuple[ChoiceAnswers | MultiAnswers, ChoiceAnswers | MultiAnswers],
) -> WaveStep:
    before, after = tables
    (counts_before, base_before), (counts_after, base_after) = map(_shares, tables)
    shares = tuple(
        share_change(o.value, o.label, (cb, base_before), (ca, base_after))
        for o, cb, ca in zip(after.options, counts_before, counts_after, strict=True)
    )
    step = WaveStep(labels[0], labels[1], before.n, after.n, shares)
    if isinstance(before, LikertTable) and isinstance(after, LikertTable):
        assert isinstance(answers[0], ChoiceAnswers) and isinstance(answers[1], ChoiceAnswers)
        scale = before.question.likert
        assert scale is not None
        high = [scale.side(p) > 0 for p in range(1, len(before.options) + 1)]
        high_before = sum(c for c, h in zip(counts_before, high, strict=True) if h)
        high_after = sum(c for c, h in zip(counts_after, high, strict=True) if h)
        scores_before, scores_after = _scores(answers[0]), _scores(answers[1])
        mean_difference = None
        if before.mean is not None and after.mean is not None:
            mean_difference = after.mean - before.mean
        return WaveStep(
            *labels,
            before.n,
            after.n,
            shares,
            high=share_change("", "高群", (high_before, base_before), (high_after, base_after)),
            mean_difference=mean_difference,
            mann_whitney=(
                mann_whitney(scores_after, scores_before)
                if len(scores_before) and len(scores_after)
                else None
            ),
        )
    if isinstance(after, ChoiceTable):
        assert isinstance(answers[0], ChoiceAnswers) and isinstance(answers[1], ChoiceAnswers)
        counts = np.vstack([option_counts(answers[0]), option_counts(answers[1])])
        return WaveStep(*labels, before.n, after.n, shares, chi2=chi2_test(counts))
    return step  # multiple choice: the options are not exclusive, so no χ² across them


def compare_waves(waves: Sequence[Wave]) -> WavesComparison:
    """Every choice, Likert and multiple-choice item of the waves, in instrument order.

    Free-text and number questions are left out. The waves must share one instrument
    (`instrument_difference`); labels and titles are the last wave's.
    """
    if len(waves) < 2:
        raise WavesError("比較には2つ以上の回を指定する / give two or more waves to compare")
    labels = tuple(wave.label for wave in waves)
    if any(not label.strip() for label in labels) or len(set(labels)) < len(labels):
        raise WavesError(
            f"回の名前は空でなく重複しないこと：{', '.join(labels)} / "
            f"wave labels must be non-empty and distinct: {', '.join(labels)}"
        )
    latest = waves[-1].responses.instrument
    for wave in waves[:-1]:
        problem = instrument_difference(wave.responses.instrument, latest)
        if problem is not None:
            raise WavesError(
                f"{wave.label}: 調査票が最後の回と異なる（{problem}） / "
                f"{wave.label}: not the same instrument as the last wave ({problem})"
            )
    items: list[ItemWaves] = []
    for question in latest.questions:
        answers = [wave.responses.answers[question.name] for wave in waves]
        kept: list[ChoiceAnswers | MultiAnswers] = []
        tables: list[WaveTable] = []
        for one in answers:
            if isinstance(one, ChoiceAnswers):
                tables.append(tabulate_choice(one))
            elif isinstance(one, MultiAnswers):
                tables.append(tabulate_multi(one))
            else:
                break  # free text and numbers are not compared
            kept.append(one)
        if len(kept) < len(waves):
            continue
        steps = tuple(
            _step((labels[i - 1], labels[i]), (tables[i - 1], tables[i]), (kept[i - 1], kept[i]))
            for i in range(1, len(waves))
        )
        items.append(ItemWaves(question, tuple(tables), steps))
    return WavesComparison(
        form_id=latest.form_id,
        title=latest.title,
        labels=labels,
        respondents=tuple(wave.responses.respondents for wave in waves),
        sources=tuple(wave.responses.source for wave in waves),
        items=tuple(items),
        groups=latest.groups,
    )
