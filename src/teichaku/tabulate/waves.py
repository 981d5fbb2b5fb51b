"""Waves of one instrument compared item by item: shares per wave, each wave against the one
before it (the difference of each share with its Newcombe interval; χ² for single choices,
Mann–Whitney U with the effect size r for ordered scales: Likert and ordinal items).

Every wave is tabulated by the same functions as a single analysis (`tabulate_choice`,
`tabulate_multi`), so a wave's shares here equal its own `tables.json`.

Weighted waves (responses read with a weight column, as `analyze --weights`): each wave's
shares and means are weighted, and the interval of a difference combines the two waves'
weighted Wilson intervals, each with Kish's effective n of its base. The tests stay
unweighted: χ² and Mann–Whitney U are computed on the answers as counted, one per respondent
(a design-based test, e.g. Rao–Scott's, is not made).
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
from teichaku.tabulate._stats import CONFIDENCE, percent
from teichaku.tabulate.chi2 import Chi2Test, chi2_test
from teichaku.tabulate.choice import option_counts, tabulate_choice
from teichaku.tabulate.multi import tabulate_multi
from teichaku.tabulate.results import (
    ChoiceTable,
    LikertTable,
    MultiTable,
    OrdinalTable,
    Weighting,
)
from teichaku.tabulate.weighted import describe_weights

WaveTable = ChoiceTable | OrdinalTable | LikertTable | MultiTable


class WavesError(ValueError):
    """Waves that cannot be compared: fewer than two, unnamed, or of different instruments."""


@dataclass(frozen=True)
class Wave:
    label: str
    responses: ResponseTable


@dataclass(frozen=True)
class Share:
    """One option's share in one wave: the unweighted count and base and, weighted, the sum
    of the weights of both and Kish's effective n of the base (``None`` unweighted)."""

    count: int
    base: int
    weighted_count: float | None = None
    weighted_base: float | None = None
    effective_base: float | None = None

    @property
    def percent(self) -> float | None:
        """The share in percent: of the counts, or weighted of the sums of weights."""
        if self.weighted_base is None:
            return percent(self.count, self.base)
        return percent(self.weighted_count or 0.0, self.weighted_base)

    def sample(self) -> tuple[float, float]:
        """(successes, trials) for a Wilson interval: the counts; weighted, the weighted share
        times the effective n, and the effective n (as `weighted.weighted_wilson`)."""
        if self.weighted_base is None or self.effective_base is None:
            return float(self.count), float(self.base)
        share = (self.weighted_count or 0.0) / self.weighted_base if self.weighted_base else 0.0
        return share * self.effective_base, self.effective_base


@dataclass(frozen=True)
class ShareChange:
    """One share from the earlier wave to the later, in percent and percentage points.

    Weighted, the percentages are of sums of weights and the interval uses Kish's effective n
    of each base; counts and bases stay the numbers of answers."""

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
    weighted_count_before: float | None = None  # weighted only: sums of weights
    weighted_base_before: float | None = None
    effective_base_before: float | None = None  # weighted only: Kish's n of the base
    weighted_count_after: float | None = None
    weighted_base_after: float | None = None
    effective_base_after: float | None = None


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
    mean_difference: float | None = None  # an ordered scale (Likert, ordinal): after − before
    chi2: Chi2Test | None = None  # single choice (not an ordered scale): options × the two waves
    mann_whitney: MannWhitney | None = None  # an ordered scale: Likert or ordinal item
    ordered: bool = False  # a Likert or ordinal item: scored, so compared by means and U

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
    weightings: tuple[Weighting, ...] = ()  # one per wave when weighted, else none

    @property
    def weighted(self) -> bool:
        return bool(self.weightings)


def share_change(value: str, label: str, before: Share, after: Share) -> ShareChange:
    """`after`'s share minus `before`'s, with Newcombe's interval.

    The interval is statsmodels' ``confint_proportions_2indep(method="newcomb")`` (Wilson
    score intervals of both shares combined), in percentage points. Weighted shares enter
    as their share of Kish's effective n (`Share.sample`), so each side's Wilson interval is
    the one the wave's own table gives.

    >>> change = share_change("a", "A", Share(2, 10), Share(5, 10))
    >>> round(change.difference, 1), round(change.ci_low, 1), round(change.ci_high, 1)
    (30.0, -10.7, 60.0)
    """
    percent_before, percent_after = before.percent, after.percent
    difference = ci_low = ci_high = None
    if percent_before is not None and percent_after is not None:
        difference = percent_after - percent_before
        low, high = confint_proportions_2indep(
            *after.sample(),
            *before.sample(),
            method="newcomb",
            compare="diff",
            alpha=1 - CONFIDENCE,
        )
        ci_low, ci_high = 100.0 * float(low), 100.0 * float(high)
    return ShareChange(
        value,
        label,
        before.count,
        before.base,
        after.count,
        after.base,
        percent_before,
        percent_after,
        difference,
        ci_low,
        ci_high,
        before.weighted_count,
        before.weighted_base,
        before.effective_base,
        after.weighted_count,
        after.weighted_base,
        after.effective_base,
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
    """Each valid answer's score on its scale (`Question.scores`: a Likert item's 1 … size,
    high = high, or an ordinal item's scores)."""
    scores = answers.question.scores
    assert scores is not None
    table = np.array(scores, dtype=np.float64)
    codes = answers.codes
    return table[codes[codes >= 0]]


def _shares(table: WaveTable) -> list[Share]:
    """Each option's share as the table gives it: of valid answers, or of cases."""
    if isinstance(table, MultiTable):
        base, weighted_base, effective = table.cases, table.weighted_cases, table.effective_cases
    else:
        base, weighted_base, effective = table.n, table.weighted_n, table.effective_n
    return [
        Share(option.count, base, option.weighted_count, weighted_base, effective)
        for option in table.options
    ]


def _high_side(table: LikertTable) -> Share:
    """A Likert item's high side (the options above the centre) as one share."""
    scale = table.question.likert
    assert scale is not None
    high = [
        option for position, option in enumerate(table.options, start=1) if scale.side(position) > 0
    ]
    weighted = None
    if table.weighted_n is not None:
        weighted = float(sum(option.weighted_count or 0.0 for option in high))
    return Share(
        sum(option.count for option in high),
        table.n,
        weighted,
        table.weighted_n,
        table.effective_n,
    )


def _step(
    labels: tuple[str, str],
    tables: tuple[WaveTable, WaveTable],
    answers: tuple[ChoiceAnswers | MultiAnswers, ChoiceAnswers | MultiAnswers],
) -> WaveStep:
    before, after = tables
    shares = tuple(
        share_change(o.value, o.label, b, a)
        for o, b, a in zip(after.options, _shares(before), _shares(after), strict=True)
    )
    if isinstance(before, OrdinalTable) and isinstance(after, OrdinalTable):
        # An ordered scale, Likert or ordinal: its scores' means and Mann–Whitney U.
        assert isinstance(answers[0], ChoiceAnswers) and isinstance(answers[1], ChoiceAnswers)
        scores_before, scores_after = _scores(answers[0]), _scores(answers[1])
        mean_difference = None
        if before.mean is not None and after.mean is not None:
            mean_difference = after.mean - before.mean
        high = None
        if isinstance(before, LikertTable) and isinstance(after, LikertTable):
            high = share_change("", "高群", _high_side(before), _high_side(after))
        return WaveStep(
            *labels,
            before.n,
            after.n,
            shares,
            high=high,
            mean_difference=mean_difference,
            mann_whitney=(
                mann_whitney(scores_after, scores_before)
                if len(scores_before) and len(scores_after)
                else None
            ),
            ordered=True,
        )
    if isinstance(after, ChoiceTable):
        assert isinstance(answers[0], ChoiceAnswers) and isinstance(answers[1], ChoiceAnswers)
        counts = np.vstack([option_counts(answers[0]), option_counts(answers[1])])
        return WaveStep(*labels, before.n, after.n, shares, chi2=chi2_test(counts))
    # multiple choice: the options are not exclusive, so no χ² across them
    return WaveStep(*labels, before.n, after.n, shares)


def compare_waves(waves: Sequence[Wave]) -> WavesComparison:
    """Every choice, Likert, ordinal and multiple-choice item of the waves, in instrument
    order.

    Free-text and number questions are left out. The waves must share one instrument
    (`instrument_difference`); labels and titles are the last wave's. When the responses
    carry weights (every wave or none), shares and means are weighted; the tests are not.
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
    weighted = [wave.responses.weights is not None for wave in waves]
    if any(weighted) and not all(weighted):
        unweighted = ", ".join(w.label for w, has in zip(waves, weighted, strict=True) if not has)
        raise WavesError(
            f"重みのない回がある：{unweighted}。重みはすべての回に付けること / "
            f"waves without weights: {unweighted}; weight every wave or none"
        )
    weightings = tuple(
        describe_weights(wave.responses.weights, "column", wave.responses.weights_column)
        for wave in waves
        if wave.responses.weights is not None
    )
    items: list[ItemWaves] = []
    for question in latest.questions:
        kept: list[ChoiceAnswers | MultiAnswers] = []
        tables: list[WaveTable] = []
        for wave in waves:
            one, weights = wave.responses.answers[question.name], wave.responses.weights
            if isinstance(one, ChoiceAnswers):
                tables.append(tabulate_choice(one, weights))
            elif isinstance(one, MultiAnswers):
                tables.append(tabulate_multi(one, weights))
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
        weightings=weightings,
    )
