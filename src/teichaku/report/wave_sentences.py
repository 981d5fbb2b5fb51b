"""The study's sentences for a change between two waves (である体).

A Likert item: 「ST24Q01は、AからBにかけて平均が2.51から2.63へ0.12上がり、高群の割合は…」
and the test,
「Mann–WhitneyのU検定では、この差は統計的に有意であった（U = 1,234、p < 0.001、r = 0.08）。」
An ordinal item says its mean and the option that moved most, and the same test. A choice
item names the option that moved most, with the interval of its difference, and the χ² test
of the whole distribution. Weighted waves say that the test used the unweighted answers.
"""

from __future__ import annotations

from teichaku.report.sentences import format_percent
from teichaku.tabulate import OrdinalTable
from teichaku.tabulate._stats import CONFIDENCE
from teichaku.tabulate.waves import ItemWaves, ShareChange, WaveStep

ALPHA = 1 - CONFIDENCE


def format_p(p: float) -> str:
    """「p < 0.001」 below a thousandth, else 「p = 0.042」.

    >>> format_p(0.00004), format_p(0.04213), format_p(1.0)
    ('p < 0.001', 'p = 0.042', 'p = 1.000')
    """
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def format_points(value: float | None) -> str:
    """A difference in percentage points with its sign, 「+5.2」, 「−3.0」, 「±0.0」.

    >>> format_points(5.24), format_points(-3.0), format_points(0.01), format_points(None)
    ('+5.2', '−3.0', '±0.0', '—')
    """
    if value is None:
        return "—"
    shown = format_percent(abs(value))
    if shown == "0.0":
        return "±0.0"
    return ("+" if value > 0 else "−") + shown


def _moved(change: ShareChange) -> str:
    """「30.0％から35.2％へ5.2ポイント増えた」."""
    before, after = format_percent(change.percent_before), format_percent(change.percent_after)
    assert change.difference is not None
    size = format_percent(abs(change.difference))
    if size == "0.0":
        return f"{before}％から{after}％で、ほとんど変わらなかった"
    verb = "増えた" if change.difference > 0 else "減った"
    return f"{before}％から{after}％へ{size}ポイント{verb}"


def _interval(change: ShareChange) -> str:
    if change.ci_low is None or change.ci_high is None:
        return ""
    return (
        f"（差の{CONFIDENCE:.0%}信頼区間 {format_points(change.ci_low)}～"
        f"{format_points(change.ci_high)}ポイント）"
    ).replace("%", "％")


def change_sentence(item: ItemWaves, index: int, topic: str | None = None) -> str:
    """What changed in `item.steps[index]` (wave index + 1 against wave index), in one sentence.

    `topic` replaces the question's label as the subject, as in `study_sentence`.
    """
    step = item.steps[index]
    topic = topic if topic is not None else item.question.label
    span = f"{topic}は、{step.before}から{step.after}にかけて"
    if step.n_before == 0 or step.n_after == 0:
        return f"{span}比べられない。一方の回に有効な回答がなかったためである。"
    before, after = item.tables[index], item.tables[index + 1]
    mean = ""  # an ordered scale (Likert, ordinal): 「平均が…へ…上がり」
    if isinstance(before, OrdinalTable) and isinstance(after, OrdinalTable):
        means = f"{before.mean or 0.0:.2f}から{after.mean or 0.0:.2f}"
        difference = f"{abs(step.mean_difference or 0.0):.2f}"
        if difference == "0.00":
            mean = f"平均は{means}でほとんど変わらず"
        else:
            verb = "上がり" if (step.mean_difference or 0.0) > 0 else "下がり"
            mean = f"平均が{means}へ{difference}{verb}"
        if step.high:
            high = step.high
            return f"{span}{mean}、高群の割合は{_moved(high)}{_interval(high)}。"
    moved = [c for c in step.shares if c.difference is not None]
    largest = max(moved, key=lambda c: abs(c.difference or 0.0))
    if format_percent(abs(largest.difference or 0.0)) == "0.0":
        return f"{span}{mean}、どの選択肢の割合もほとんど変わらなかった。"
    return (
        f"{span}{mean}、最も大きく変わったのは「{largest.label}」で、"
        f"{_moved(largest)}{_interval(largest)}。"
    )


def format_u(u: float) -> str:
    """U with thousands separators; a half only where ties leave one.

    >>> format_u(1234.0), format_u(12.5)
    ('1,234', '12.5')
    """
    return f"{u:,.0f}" if float(u).is_integer() else f"{u:,.1f}"


UNWEIGHTED = "（重み付け前の回答による）"


def significance_sentence(step: WaveStep, *, weighted: bool = False) -> str | None:
    """The test of the step as a sentence; ``None`` when no test was made.

    `weighted`: the waves' shares are weighted, so the sentence says that the test is not."""
    significant = "統計的に有意であった" if _p(step) < ALPHA else "統計的に有意ではなかった"
    unweighted = UNWEIGHTED if weighted else ""
    if step.mann_whitney is not None:
        mw = step.mann_whitney
        effect = "" if mw.r is None else f"、r = {mw.r:.2f}".replace("-", "−")
        return (
            f"Mann–WhitneyのU検定{unweighted}では、この差は{significant}"
            f"（U = {format_u(mw.u)}、{format_p(mw.p_value)}{effect}）。"
        )
    if step.chi2 is not None:
        test = step.chi2
        sentence = (
            f"χ²検定{unweighted}では、回答の分布の差は{significant}"
            f"（χ²({test.dof}) = {test.chi2:.2f}、{format_p(test.p_value)}、"
            f"Cramér's V = {test.cramers_v:.2f}）。"
        )
        if test.unreliable:
            sentence += (
                f"ただし、期待度数が5未満のセルが{test.small_expected_share:.0%}あり"
                f"（最小{test.min_expected:.2f}）、χ²検定の近似は信頼できない。"
            ).replace("%", "％")
        return sentence
    return None


def no_test_note(item: ItemWaves) -> str | None:
    """Why an item has no test, for the items that have none."""
    if item.steps and all(step.test is None for step in item.steps):
        if item.question.kind.value == "multi":
            return "複数回答は選択肢が互いに独立でないため、回の間の検定は行わない。"
        return "有効な回答の分布に差を調べる余地がないため、検定は行わない。"
    return None


def _p(step: WaveStep) -> float:
    if step.mann_whitney is not None:
        return step.mann_whitney.p_value
    if step.chi2 is not None:
        return step.chi2.p_value
    return 1.0
