"""Agreement figures against independent computations: the `krippendorff` package,
scikit-learn's `cohen_kappa_score`, and Krippendorff's own published example."""

from __future__ import annotations

import math
import random

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from teichaku.coding import NO_CODE, Code, Codebook, Coding
from teichaku.coding.agreement import (
    agreement,
    cohen_kappa,
    disagreements,
    final_coding,
    krippendorff_alpha_nominal,
)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers
# × 12 units, nominal, with missing values. Published α (nominal) = 0.743; the `krippendorff`
# package's own doctest uses the same data (ordinal 0.815).
TEXTBOOK = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def as_nan(data: list[list[int | None]]) -> list[list[float]]:
    return [[math.nan if v is None else float(v) for v in row] for row in data]


def test_the_published_textbook_example() -> None:
    alpha = krippendorff_alpha_nominal(TEXTBOOK)
    assert alpha is not None and round(alpha, 3) == 0.743
    package = krippendorff.alpha(reliability_data=as_nan(TEXTBOOK), level_of_measurement="nominal")
    assert alpha == pytest.approx(package, abs=1e-12)


def test_alpha_is_undefined_when_only_one_value_is_used() -> None:
    assert krippendorff_alpha_nominal([[1, 1, 1], [1, 1, None]]) is None
    assert krippendorff_alpha_nominal([[1, None], [None, 2]]) is None  # nothing pairable


def random_codings(rng: random.Random, coders: int, answers: int, codes: list[str]) -> list[Coding]:
    """Coders who skip some answers, give 0–3 codes, and sometimes an explicit no-code row."""
    out = []
    for a in range(answers):
        truth = rng.sample(codes, rng.choice([0, 1, 1, 2]))
        for c in range(coders):
            if rng.random() < 0.2:
                continue  # did not see it
            given = [x for x in truth if rng.random() > 0.2]
            given += [x for x in codes if x not in truth and rng.random() < 0.1]
            for code in given or [NO_CODE]:
                out.append(Coding(f"r{a}", "q", code, f"coder{c}"))
    return out


def independent_matrix(codings: list[Coding], code: str, coders: list[str], units: list[str]):  # type: ignore[no-untyped-def]
    """coders × units, 1/0 for the code, NaN when the coder has no row for the unit."""
    data = np.full((len(coders), len(units)), np.nan)
    for c in codings:
        i, j = coders.index(c.coder), units.index(c.response_id)
        if np.isnan(data[i, j]):
            data[i, j] = 0
        if c.code == code:
            data[i, j] = 1
    return data


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("coders", [2, 3])
def test_per_code_alpha_and_kappa_equal_the_packages(seed: int, coders: int) -> None:
    rng = random.Random(seed)
    codes = ["a", "b", "c", "d"]
    codings = random_codings(rng, coders, 60, codes)
    report = agreement(codings, Codebook("q", tuple(Code(c, c.upper()) for c in codes)))
    names = [f"coder{c}" for c in range(coders)]
    units = sorted({c.response_id for c in codings})
    pooled = []
    for row in report.codes:
        data = independent_matrix(codings, row.code, names, units)
        pooled.append(data)
        expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert row.alpha == pytest.approx(expected, abs=1e-12)
        if coders == 2:
            both = ~np.isnan(data).any(axis=0)
            assert row.kappa == pytest.approx(cohen_kappa_score(data[0, both], data[1, both]))
        pairable = (~np.isnan(data)).sum(axis=0) >= 2
        agree = [len(set(data[~np.isnan(data[:, j]), j])) == 1 for j in np.flatnonzero(pairable)]
        assert row.percent_agreement == pytest.approx(100 * sum(agree) / len(agree))
    stacked = np.hstack(pooled)
    assert report.alpha == pytest.approx(
        krippendorff.alpha(reliability_data=stacked, level_of_measurement="nominal")
    )
    if coders == 2:
        both = ~np.isnan(stacked).any(axis=0)
        assert report.kappa == pytest.approx(cohen_kappa_score(stacked[0, both], stacked[1, both]))


def test_cohen_kappa_on_labels_equals_scikit_learn() -> None:
    rng = random.Random(7)
    a = [rng.choice("xyz") for _ in range(50)]
    b = [x if rng.random() < 0.6 else rng.choice("xyz") for x in a]
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_an_answer_not_seen_is_missing_not_absent() -> None:
    # Coder 2 never saw r2. Read as "absent", the coders would disagree on r2.
    codings = [
        Coding("r1", "q", "a", "c1"),
        Coding("r1", "q", "a", "c2"),
        Coding("r2", "q", "a", "c1"),
        Coding("r3", "q", NO_CODE, "c1"),
        Coding("r3", "q", NO_CODE, "c2"),
    ]
    report = agreement(codings)
    assert report.units == 2  # r1 and r3
    assert report.codes[0].percent_agreement == 100
    assert report.codes[0].alpha == 1.0
    assert report.codes[0].present == {"c1": 2, "c2": 1}


def test_one_coder_is_refused_with_the_reason() -> None:
    with pytest.raises(ValueError, match="at least two coders"):
        agreement([Coding("r1", "q", "a", "c1")])


def test_disagreements_and_the_final_coding() -> None:
    codings = [
        Coding("r1", "q", "a", "c1"),
        Coding("r1", "q", "a", "c2"),
        Coding("r2", "q", "a", "c1"),
        Coding("r2", "q", "b", "c1"),
        Coding("r2", "q", "a", "c2"),
        Coding("r3", "q", "b", "c2"),  # only c2 saw it
    ]
    found = disagreements(codings)
    assert [d.unit for d in found] == [("r2", "q")]
    assert found[0].disputed == {"b"}
    pending = final_coding(codings)
    assert [d.unit for d in pending.unsettled] == [("r2", "q")]
    assert {(c.response_id, c.code) for c in pending.codings} == {("r1", "a"), ("r3", "b")}
    settled = final_coding(codings, {("r2", "q"): ["a", "b"]})
    assert not settled.unsettled
    assert {(c.response_id, c.code) for c in settled.codings} == {
        ("r1", "a"),
        ("r2", "a"),
        ("r2", "b"),
        ("r3", "b"),
    }


def test_agreement_report_is_json_ready(example) -> None:  # type: ignore[no-untyped-def]
    import json

    _, codings, codebooks = example
    book = codebooks["other_org_users_text"]
    mine = [c for c in codings if c.question == book.question]
    second = [Coding(c.response_id, c.question, c.code, "b") for c in mine[:-3]]
    report = agreement(
        [Coding(c.response_id, c.question, c.code, "a") for c in mine] + second, book
    )
    data = json.loads(json.dumps(report.as_dict()))
    assert data["overall"]["alpha"] == pytest.approx(1.0)  # b saw fewer answers, agreed on all
    assert [c["code"] for c in data["codes"]] == list(book.values)
