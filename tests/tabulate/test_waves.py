"""Waves against independent computations: scipy's Mann–Whitney U and χ², statsmodels'
Newcombe interval, and hand-worked effect sizes."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest
from scipy.stats import chi2_contingency, mannwhitneyu
from statsmodels.stats.proportion import confint_proportions_2indep

from teichaku.instrument import Instrument
from teichaku.instrument.compare import instrument_difference
from teichaku.instrument.xlsform import load_xlsform_bytes
from teichaku.responses import responses_from_records
from teichaku.tabulate.waves import (
    Wave,
    WavesComparison,
    WavesError,
    compare_waves,
    mann_whitney,
)

FORM_ROWS = [
    "| survey |",
    "| | type | name | label | appearance | likert_high |",
    "| | select_one agree | sat | 仕事に満足している | likert | |",
    "| | select_one agree | rev | 仕事がつらい（高い側が先） | likert | first |",
    "| | select_one kind | kind | 事業所の種類 | | |",
    "| | select_multiple help | help | 受けた支援 | | |",
    "| | text | note | 自由記述 | | |",
    "| choices |",
    "| | list_name | name | label |",
    "| | agree | 1 | 全くそう思わない |",
    "| | agree | 2 | そう思わない |",
    "| | agree | 3 | どちらでもない |",
    "| | agree | 4 | そう思う |",
    "| | agree | 5 | とてもそう思う |",
    "| | kind | a | 単独型 |",
    "| | kind | b | 併設型 |",
    "| | kind | c | その他 |",
    "| | help | visit | 訪問 |",
    "| | help | phone | 電話 |",
    "| | help | mail | メール |",
]
FORM = load_xlsform_bytes("\n".join(FORM_ROWS).encode(), "waves.md")
AGREE = ["1", "2", "3", "4", "5"]
KINDS = ["a", "b", "c"]
HELP = ["visit", "phone", "mail"]
Rows = list[dict[str, str | None]]
Three = tuple[list[Rows], WavesComparison]


def records(seed: int, n: int, lean: float) -> list[dict[str, str | None]]:
    rng = random.Random(seed)
    weights = [1, 2, 3, 2 + lean, 1 + lean]
    rows: list[dict[str, str | None]] = []
    for _ in range(n):
        rows.append(
            {
                "sat": rng.choices([*AGREE, None], weights=[*weights, 0.5])[0],
                "rev": rng.choices(AGREE, weights=weights[::-1])[0],
                "kind": rng.choices([*KINDS, None], weights=[5, 3 + lean, 1, 0.3])[0],
                "help": " ".join(h for h in HELP if rng.random() < 0.4) or None,
                "note": "なし",
            }
        )
    return rows


def wave(label: str, rows: list[dict[str, str | None]], form: Instrument = FORM) -> Wave:
    return Wave(label, responses_from_records(form, rows))


@pytest.fixture(scope="module")
def three() -> Three:
    data = [records(1, 180, 0.0), records(2, 150, 1.5), records(3, 40, -0.5)]
    return data, compare_waves([wave(f"{2023 + i}年度", rows) for i, rows in enumerate(data)])


def test_items_are_the_choice_items_in_order_and_each_wave_against_the_one_before(
    three: Three,
) -> None:
    _data, comparison = three
    assert [item.question.name for item in comparison.items] == ["sat", "rev", "kind", "help"]
    steps = comparison.items[0].steps
    assert [(s.before, s.after) for s in steps] == [
        ("2023年度", "2024年度"),
        ("2024年度", "2025年度"),
    ]
    assert [s.test for s in comparison.items[0].steps] == ["mann_whitney"] * 2
    assert [s.test for s in comparison.items[2].steps] == ["chi2"] * 2
    assert [s.test for s in comparison.items[3].steps] == [None] * 2


def scores(rows: list[dict[str, str | None]], name: str, high_first: bool) -> list[int]:
    """The raw answers as scores, by hand: 1…5, reversed where the high end comes first."""
    values = [int(row[name]) for row in rows if row[name] is not None]  # type: ignore[arg-type]
    return [6 - v for v in values] if high_first else values


@pytest.mark.parametrize(("name", "high_first"), [("sat", False), ("rev", True)])
def test_u_and_p_equal_scipy_on_the_raw_values(three: Three, name: str, high_first: bool) -> None:
    data, comparison = three
    item = next(i for i in comparison.items if i.question.name == name)
    for index, step in enumerate(item.steps):
        before, after = (
            scores(data[index], name, high_first),
            scores(data[index + 1], name, high_first),
        )
        expected = mannwhitneyu(after, before, alternative="two-sided")
        assert step.mann_whitney is not None
        assert step.mann_whitney.u == pytest.approx(expected.statistic, rel=1e-12)
        assert step.mann_whitney.p_value == pytest.approx(expected.pvalue, rel=1e-12)
        assert (step.n_before, step.n_after) == (len(before), len(after))
        mean_difference = np.mean(after) - np.mean(before)
        assert step.mean_difference == pytest.approx(mean_difference)


def test_effect_size_r_by_hand_without_ties() -> None:
    # Later wave 4, 5, 6 against 1, 2, 3: U = 9, E[U] = 4.5, σ² = 3·3·7/12 = 5.25.
    result = mann_whitney(np.array([4.0, 5.0, 6.0]), np.array([1.0, 2.0, 3.0]))
    assert result.u == 9
    assert result.z == pytest.approx(4.5 / 5.25**0.5)
    assert result.r == pytest.approx(4.5 / 5.25**0.5 / 6**0.5)  # 0.8018
    assert result.r == pytest.approx(0.80178, abs=1e-5)


def test_effect_size_r_by_hand_with_ties() -> None:
    # 2, 3, 3 against 1, 1, 2. Mid-ranks: 1,1 → 1.5; 2,2 → 3.5; 3,3 → 5.5.
    # R(later) = 3.5 + 5.5 + 5.5 = 14.5, U = 14.5 − 3·4/2 = 8.5.
    # Three pairs of ties: Σ(t³ − t) = 18; σ² = 9/12 · (7 − 18/30) = 4.8.
    # z = (8.5 − 4.5)/√4.8 = 1.82574; r = z/√6 = 0.74536.
    result = mann_whitney(np.array([2.0, 3.0, 3.0]), np.array([1.0, 1.0, 2.0]))
    assert result.u == 8.5
    assert result.z == pytest.approx(1.82574, abs=1e-5)
    assert result.r == pytest.approx(0.74536, abs=1e-5)
    lower = mann_whitney(np.array([1.0, 1.0, 2.0]), np.array([2.0, 3.0, 3.0]))
    assert lower.r == pytest.approx(-0.74536, abs=1e-5)  # the later wave lower: negative


def test_no_spread_gives_no_z() -> None:
    result = mann_whitney(np.array([3.0, 3.0]), np.array([3.0, 3.0, 3.0]))
    assert result.z is None and result.r is None


def test_chi2_equals_scipy_on_an_independently_built_table(three: Three) -> None:
    data, comparison = three
    item = next(i for i in comparison.items if i.question.name == "kind")
    for index, step in enumerate(item.steps):
        table = [
            [Counter(row["kind"] for row in data[w])[kind] for kind in KINDS]
            for w in (index, index + 1)
        ]
        expected = chi2_contingency(table, correction=False)
        assert step.chi2 is not None
        assert step.chi2.chi2 == pytest.approx(expected.statistic, rel=1e-12)
        assert step.chi2.p_value == pytest.approx(expected.pvalue, rel=1e-12)
        assert step.chi2.dof == expected.dof
        assert (step.n_before, step.n_after) == (sum(table[0]), sum(table[1]))


def test_differences_and_intervals_equal_statsmodels(three: Three) -> None:
    data, comparison = three
    for item in comparison.items:
        name = item.question.name
        for index, step in enumerate(item.steps):
            before, after = data[index], data[index + 1]
            for option, change in zip(item.question.options, step.shares, strict=True):
                if name == "help":  # of the respondents who chose anything (cases)
                    chose = [[r for r in rows if r["help"]] for rows in (before, after)]
                    counts = [sum(option.value in r["help"].split() for r in c) for c in chose]
                    bases = [len(c) for c in chose]
                else:
                    valid = [
                        [r[name] for r in rows if r[name] is not None] for rows in (before, after)
                    ]
                    counts = [v.count(option.value) for v in valid]
                    bases = [len(v) for v in valid]
                low, high = confint_proportions_2indep(
                    counts[1], bases[1], counts[0], bases[0], method="newcomb", compare="diff"
                )
                assert change.difference == pytest.approx(
                    100 * (counts[1] / bases[1] - counts[0] / bases[0])
                )
                assert change.ci_low == pytest.approx(100 * low)
                assert change.ci_high == pytest.approx(100 * high)


def test_likert_high_side_change_equals_statsmodels(three: Three) -> None:
    data, comparison = three
    step = comparison.items[0].steps[0]
    valid = [[r["sat"] for r in rows if r["sat"] is not None] for rows in data[:2]]
    high = [sum(v in ("4", "5") for v in values) for values in valid]
    low, upp = confint_proportions_2indep(
        high[1], len(valid[1]), high[0], len(valid[0]), method="newcomb"
    )
    assert step.high is not None
    assert step.high.ci_low == pytest.approx(100 * low)
    assert step.high.ci_high == pytest.approx(100 * upp)


def test_an_empty_wave_has_no_difference_and_no_test() -> None:
    comparison = compare_waves([wave("A", records(4, 30, 0)), wave("B", [{"note": "x"}])])
    step = comparison.items[0].steps[0]
    assert step.n_after == 0
    assert all(c.difference is None and c.ci_low is None for c in step.shares)
    assert step.test is None


def test_waves_of_different_instruments_are_refused() -> None:
    other_rows = [
        r.replace("| | kind | c | その他 |", "| | kind | d | その他 |") for r in FORM_ROWS
    ]
    other = load_xlsform_bytes("\n".join(other_rows).encode(), "other.md")
    assert instrument_difference(FORM, other) is not None
    with pytest.raises(WavesError, match="kind"):
        compare_waves([wave("A", [], other), wave("B", [])])
    relabelled = load_xlsform_bytes(
        "\n".join(FORM_ROWS).replace("事業所の種類", "事業所の型").encode(), "renamed.md"
    )
    assert instrument_difference(FORM, relabelled) is None  # a wording fix is the same form


def test_fewer_than_two_waves_or_repeated_labels_are_refused() -> None:
    with pytest.raises(WavesError):
        compare_waves([wave("A", [])])
    with pytest.raises(WavesError):
        compare_waves([wave("A", []), wave("A", [])])
