"""`teichaku waves --weights COLUMN`: weighted shares per wave and the differences' intervals
with Kish's effective n, against a computation by hand; the tests stay unweighted; a bad
weight is refused as `analyze --weights` refuses it."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy.stats import chi2_contingency, mannwhitneyu, norm
from test_waves import FORM, KINDS, records, wave  # this folder has no __init__.py
from test_waves_cli import teichaku, write_wave

from teichaku.responses import responses_from_records
from teichaku.tabulate.waves import Wave, WavesError, compare_waves

Rows = list[dict[str, str | None]]
FIELDS = ["sat", "rev", "kind", "help", "note", "w"]
Z = float(norm.isf(0.025))


def weighted_records(seed: int, n: int, lean: float) -> Rows:
    rng = random.Random(seed + 100)
    return [{**row, "w": f"{rng.uniform(0.2, 3.0):.3f}"} for row in records(seed, n, lean)]


# -- by hand ------------------------------------------------------------------------------


def wilson(share: float, n: float) -> tuple[float, float]:
    """The Wilson score interval's closed form (0–1)."""
    denominator = 1 + Z * Z / n
    centre = (share + Z * Z / (2 * n)) / denominator
    half = Z * np.sqrt(share * (1 - share) / n + Z * Z / (4 * n * n)) / denominator
    return max(centre - half, 0.0), min(centre + half, 1.0)


def newcombe(after: tuple[float, float], before: tuple[float, float]) -> tuple[float, float]:
    """Newcombe's hybrid score interval of share₁ − share₂, each given as (share, n)."""
    (p1, n1), (p2, n2) = after, before
    (l1, u1), (l2, u2) = wilson(p1, n1), wilson(p2, n2)
    d = p1 - p2
    return d - np.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + np.sqrt(
        (u1 - p1) ** 2 + (p2 - l2) ** 2
    )


def share_by_hand(rows: Rows, name: str, value: str) -> tuple[float, float, float, int]:
    """(weighted share 0–1, Σw of the base, Kish's n of the base, unweighted base)."""
    if name == "help":  # of the cases: respondents who chose any
        base = [r for r in rows if r["help"]]
        chose = [r for r in base if value in (r["help"] or "").split()]
    else:
        base = [r for r in rows if r[name] is not None]
        chose = [r for r in base if r[name] == value]
    w = np.array([float(r["w"]) for r in base])  # type: ignore[arg-type]
    chosen = sum(float(r["w"]) for r in chose)  # type: ignore[arg-type]
    return chosen / w.sum(), float(w.sum()), float(w.sum() ** 2 / (w**2).sum()), len(base)


# -- tests --------------------------------------------------------------------------------


@pytest.fixture
def weighted_run(form: Path, tmp_path: Path) -> tuple[list[Rows], list[Path], dict[str, Any]]:
    data = [weighted_records(1, 150, 0.0), weighted_records(2, 120, 1.5)]
    files = [write_wave(tmp_path / f"{2023 + i}.csv", rows, FIELDS) for i, rows in enumerate(data)]
    code, output = teichaku("waves", *files, "--instrument", form, "--out", tmp_path / "out",
                       "--weights", "w")  # fmt: skip
    assert code == 0, output
    assert "effective n" in output
    result = json.loads((tmp_path / "out" / "waves.json").read_text(encoding="utf-8"))
    return data, files, result


def test_weighted_shares_and_intervals_equal_a_computation_by_hand(
    weighted_run: tuple[list[Rows], list[Path], dict[str, Any]],
) -> None:
    data, _files, result = weighted_run
    for entry, rows in zip(result["waves"], data, strict=True):
        w = np.array([float(r["w"]) for r in rows])  # type: ignore[arg-type]
        assert entry["respondents"] == len(rows)
        assert entry["weighted_n"] == pytest.approx(w.sum(), rel=1e-12)
        assert entry["effective_n"] == pytest.approx(w.sum() ** 2 / (w**2).sum(), rel=1e-12)
    assert result["weighting"]["column"] == "w"
    assert "unweighted" in result["weighting"]["note"]
    for question in result["questions"]:
        name = question["name"]
        (change,) = question["changes"]
        for option in change["options"]:
            before = share_by_hand(data[0], name, option["value"])
            after = share_by_hand(data[1], name, option["value"])
            assert option["percent_from"] == pytest.approx(100 * before[0], rel=1e-12)
            assert option["percent_to"] == pytest.approx(100 * after[0], rel=1e-12)
            assert (option["base_from"], option["base_to"]) == (before[3], after[3])
            assert option["effective_base_from"] == pytest.approx(before[2], rel=1e-12)
            assert option["effective_base_to"] == pytest.approx(after[2], rel=1e-12)
            assert option["weighted_base_to"] == pytest.approx(after[1], rel=1e-12)
            low, high = newcombe((after[0], after[2]), (before[0], before[2]))
            assert option["difference"] == pytest.approx(100 * (after[0] - before[0]))
            assert option["ci_low"] == pytest.approx(100 * low, abs=1e-9)
            assert option["ci_high"] == pytest.approx(100 * high, abs=1e-9)
        if name == "sat":  # the high side (4 and 5) and the weighted means
            shares = [sum(share_by_hand(rows, "sat", v)[0] for v in ("4", "5")) for rows in data]
            assert change["high"]["percent_to"] == pytest.approx(100 * shares[1], rel=1e-12)
            means = []
            for rows in data:
                kept = [r for r in rows if r["sat"] is not None]
                means.append(
                    np.average(
                        [int(r["sat"]) for r in kept],  # type: ignore[arg-type]
                        weights=[float(r["w"]) for r in kept],  # type: ignore[arg-type]
                    )
                )
            assert change["mean_difference"] == pytest.approx(means[1] - means[0], abs=1e-12)


def test_the_tests_stay_unweighted(
    weighted_run: tuple[list[Rows], list[Path], dict[str, Any]],
) -> None:
    data, _files, result = weighted_run
    sat = next(q for q in result["questions"] if q["name"] == "sat")["changes"][0]
    scores = [[int(r["sat"]) for r in rows if r["sat"] is not None] for rows in data]  # type: ignore[arg-type]
    expected = mannwhitneyu(scores[1], scores[0], alternative="two-sided")
    assert sat["u"] == pytest.approx(expected.statistic, rel=1e-12)
    assert sat["p_value"] == pytest.approx(expected.pvalue, rel=1e-12)
    kind = next(q for q in result["questions"] if q["name"] == "kind")["changes"][0]
    table = [[sum(r["kind"] == k for r in rows) for k in KINDS] for rows in data]
    assert kind["chi2"] == pytest.approx(chi2_contingency(table, correction=False).statistic)


def test_each_wave_reads_as_its_own_weighted_analysis(
    weighted_run: tuple[list[Rows], list[Path], dict[str, Any]], form: Path, tmp_path: Path
) -> None:
    _data, files, result = weighted_run
    for index, path in enumerate(files):
        out = tmp_path / f"a{index}"
        code, output = teichaku("analyze", path, "--instrument", form, "--out", out,
                           "--weights", "w", "--tables-only")  # fmt: skip
        assert code == 0, output
        tables = json.loads((out / "tables.json").read_text(encoding="utf-8"))
        for question in result["questions"]:
            alone = next(q for q in tables["questions"] if q["name"] == question["name"])
            assert alone["weighted_n"] is not None
            assert {
                k: v for k, v in alone.items() if k not in ("name", "kind", "label", "group")
            } == {k: v for k, v in question["waves"][index].items() if k != "wave"}


def test_the_report_says_what_is_weighted_and_what_is_not(
    weighted_run: tuple[list[Rows], list[Path], dict[str, Any]], tmp_path: Path
) -> None:
    html = (tmp_path / "out" / "waves.html").read_text(encoding="utf-8")
    assert "列「w」の重みによる重み付きの値である" in html
    assert "χ²検定とMann–WhitneyのU検定（効果量 r を含む）は重みを用いず" in html
    assert "Mann–WhitneyのU検定（重み付け前の回答による）では" in html
    assert "実効回答数（Kish）" in html


@pytest.mark.parametrize(("bad", "value"), [("-1", "-1"), ("", ""), ("abc", "abc"), ("0", "0")])
def test_a_bad_weight_is_refused_as_analyze_refuses_it(
    form: Path, tmp_path: Path, bad: str, value: str
) -> None:
    good = write_wave(tmp_path / "good.csv", weighted_records(1, 30, 0.0), FIELDS)
    rows = weighted_records(2, 30, 0.0)
    rows[6]["w"] = bad
    wrong = write_wave(tmp_path / "wrong.csv", rows, FIELDS)
    code, output = teichaku("waves", good, wrong, "--instrument", form, "--out", tmp_path / "out",
                       "--weights", "w")  # fmt: skip
    assert code != 0 and not (tmp_path / "out").exists()
    _code, analyzed = teichaku("analyze", wrong, "--instrument", form, "--out", tmp_path / "a",
                          "--weights", "w")  # fmt: skip
    assert output == analyzed  # the same message, word for word
    assert str(wrong) in output and "row 8" in output and "'w'" in output
    assert f"'{value}'" in output or (value == "" and "''" in output)


def test_a_missing_weight_column_is_refused_as_analyze_refuses_it(
    form: Path, tmp_path: Path
) -> None:
    good = write_wave(tmp_path / "good.csv", weighted_records(1, 30, 0.0), FIELDS)
    code, output = teichaku("waves", good, good, "--instrument", form, "--out", tmp_path / "out",
                       "--labels", "A,B", "--weights", "重み")  # fmt: skip
    _code, analyzed = teichaku("analyze", good, "--instrument", form, "--out", tmp_path / "a",
                          "--weights", "重み")  # fmt: skip
    assert code != 0 and output == analyzed and "重み" in output


def test_weighting_some_waves_only_is_refused() -> None:
    weighted = responses_from_records(FORM, records(1, 20, 0.0))
    weighted = dataclasses.replace(weighted, weights=np.ones(20))
    with pytest.raises(WavesError, match="weight every wave or none"):
        compare_waves([Wave("A", weighted), wave("B", records(2, 20, 0.0))])
