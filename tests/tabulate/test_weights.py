"""Weights: weighted shares, means and SDs, Kish's effective n, raking and its refusals.

Every weighted figure is checked against a computation written here with pandas, NumPy and
statsmodels' `DescrStatsW` / `proportion_confint`, never against our own output.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

from teichaku.analysis import analyze, write_outputs
from teichaku.bilingual import japanese_of
from teichaku.instrument import load_instrument, load_xlsform
from teichaku.responses import ResponseFileError, read_responses
from teichaku.tabulate import tabulate_survey
from teichaku.tabulate.raking import TargetsError, rake, read_targets
from teichaku.tabulate.results import LikertTable, MultiTable, NumberTable
from teichaku.tabulate.tables_json import tables_as_json

FORM = load_instrument("retention-challenges-2024")
BODIES = ["private_company", "social_welfare_corporation", "npo", "other_body"]
ITEM = "q01_securing_users"
BODY_SHARES = [0.4, 0.3, 0.2, 0.1]
ITEM_SHARES = [0.1] * 5 + [0.2, 0.3]
OTHER_BODY_TENTH = "operating_body,other_body,0.1\n"


@pytest.fixture
def sample(tmp_path: Path) -> tuple[Path, pd.DataFrame]:
    """200 made-up answers with a skewed weight column, some answers missing."""
    rng = np.random.default_rng(13)
    size = 200
    frame = pd.DataFrame(
        {
            "operating_body": rng.choice(BODIES, size, p=[0.5, 0.3, 0.15, 0.05]),
            ITEM: rng.choice([str(i) for i in range(1, 8)], size).astype(object),
            "affiliation": [
                ",".join(rng.choice(["retention_support", "government", "education"], k))
                for k in rng.integers(0, 3, size)
            ],
            "wt": np.round(rng.gamma(2.0, 0.7, size) + 0.05, 4),
        }
    )
    frame.loc[rng.choice(size, 20, replace=False), ITEM] = ""
    path = tmp_path / "answers.csv"
    frame.to_csv(path, index=False)
    return path, frame


def kish(weights: np.ndarray) -> float:
    return float(weights.sum() ** 2 / (weights**2).sum())


def test_weighted_shares_mean_sd_and_kish_n_equal_an_independent_computation(
    sample: tuple[Path, pd.DataFrame],
) -> None:
    path, frame = sample
    responses = read_responses(path, FORM, weights="wt")
    assert responses.unmatched_columns == ()  # the weight column is accepted, not ignored
    tables = tabulate_survey(responses)
    body = tables.table("operating_body")
    shares = frame.groupby("operating_body")["wt"].sum() / frame["wt"].sum() * 100
    assert body.n == len(frame)
    assert body.weighted_n == pytest.approx(frame["wt"].sum())
    assert body.effective_n == pytest.approx(kish(frame["wt"].to_numpy()))
    for option in body.options:
        assert option.percent == pytest.approx(shares.get(option.value, 0.0))
        assert option.count == int((frame["operating_body"] == option.value).sum())
        # The interval: Wilson with the effective n in place of n.
        n_eff = body.effective_n or 0.0
        low, high = proportion_confint(
            shares.get(option.value, 0.0) / 100 * n_eff, n_eff, method="wilson"
        )
        assert (option.ci_low, option.ci_high) == pytest.approx((100 * low, 100 * high))

    item = tables.table(ITEM)
    assert isinstance(item, LikertTable)
    answered = frame[frame[ITEM] != ""]
    scores = answered[ITEM].astype(float).to_numpy()
    weights = answered["wt"].to_numpy()
    stats = DescrStatsW(scores, weights=weights)
    n = len(scores)
    assert item.n == n and item.missing == len(frame) - n
    assert item.mean == pytest.approx(stats.mean)
    assert item.sd == pytest.approx(np.sqrt(stats.var * n / (n - 1)))
    assert item.effective_n == pytest.approx(kish(weights))
    assert item.median == pytest.approx(float(stats.quantile([0.5], return_pandas=False)[0]))
    high = weights[scores >= 5].sum() / weights.sum() * 100
    assert item.high_percent == pytest.approx(high)

    multi = tables.table("affiliation")
    assert isinstance(multi, MultiTable)
    chosen = frame["affiliation"].str.split(",").apply(lambda xs: {x for x in xs if x})
    cases = chosen.apply(bool)
    for option in multi.options:
        has = chosen.apply(lambda xs, v=option.value: v in xs)
        expected = frame.loc[has, "wt"].sum() / frame.loc[cases, "wt"].sum() * 100
        assert option.percent_of_cases == pytest.approx(expected)

    data = tables_as_json(tables, responses)
    entry = next(q for q in data["questions"] if q["name"] == "operating_body")
    assert entry["n"] == len(frame)
    assert entry["weighted_n"] == pytest.approx(frame["wt"].sum())
    assert entry["effective_n"] == pytest.approx(kish(frame["wt"].to_numpy()))
    assert data["weighting"]["method"] == "column" and data["weighting"]["column"] == "wt"
    assert data["weighting"]["design_effect"] == pytest.approx(
        len(frame) * (frame["wt"] ** 2).sum() / frame["wt"].sum() ** 2
    )


def test_equal_weights_give_the_unweighted_figures(sample: tuple[Path, pd.DataFrame]) -> None:
    path, frame = sample
    frame.assign(wt=2.5).to_csv(path, index=False)
    weighted = tabulate_survey(read_responses(path, FORM, weights="wt")).table(ITEM)
    plain = tabulate_survey(read_responses(path, FORM, ignore_extra_columns=True)).table(ITEM)
    assert isinstance(weighted, LikertTable) and isinstance(plain, LikertTable)
    assert weighted.effective_n == pytest.approx(plain.n)
    for mine, theirs in zip(weighted.options, plain.options, strict=True):
        assert mine.percent == pytest.approx(theirs.percent)
        assert mine.ci_low == pytest.approx(theirs.ci_low)
    for field in ("mean", "sd", "median", "mean_ci_low", "mean_ci_high"):
        assert getattr(weighted, field) == pytest.approx(getattr(plain, field)), field


def test_a_weighted_number_question_equals_descrstatsw(tmp_path: Path) -> None:
    form = tmp_path / "form.xlsform.md"
    form.write_text(
        "| survey |\n| | type | name | label |\n| | integer | staff | 職員数 |\n",
        encoding="utf-8",
    )
    values = [3, 5, 8, 13, 2]
    weights = [0.5, 1.0, 2.0, 1.5, 3.0]
    path = tmp_path / "answers.csv"
    pd.DataFrame({"staff": values, "w": weights}).to_csv(path, index=False)
    table = tabulate_survey(read_responses(path, load_xlsform(form), weights="w")).table("staff")
    assert isinstance(table, NumberTable)
    stats = DescrStatsW(np.array(values, float), weights=np.array(weights))
    assert table.mean == pytest.approx(stats.mean)
    assert table.sd == pytest.approx(np.sqrt(stats.var * 5 / 4))
    assert table.effective_n == pytest.approx(sum(weights) ** 2 / sum(w * w for w in weights))


@pytest.mark.parametrize(
    ("cell", "shown"), [("abc", "'abc'"), ("0", "'0'"), ("-1.5", "'-1.5'"), ("", "''")]
)
def test_a_bad_weight_is_refused_naming_file_row_column_and_value(
    tmp_path: Path, cell: str, shown: str
) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(f"operating_body,wt\nnpo,1\nnpo,{cell}\n", encoding="utf-8")
    with pytest.raises(ResponseFileError) as caught:
        read_responses(path, FORM, weights="wt", lenient=True)
    message = str(caught.value)
    assert f"{path}: row 3, column 'wt', value {shown}" in message
    assert "positive number" in message
    assert "重みの列" in (japanese_of(caught.value) or "")


def test_the_weight_column_must_exist_and_be_no_question(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("operating_body,wt\nnpo,1\n", encoding="utf-8")
    with pytest.raises(ResponseFileError, match="no column 'weight'"):
        read_responses(path, FORM, weights="weight")
    with pytest.raises(ResponseFileError, match="answers to question 'operating_body'"):
        read_responses(path, FORM, weights="operating_body")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "targets.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_raking_reproduces_the_targets(sample: tuple[Path, pd.DataFrame], tmp_path: Path) -> None:
    path, frame = sample
    targets = write(
        tmp_path,
        "question,option,share\n"
        "事業所の設置法人,民間企業,0.25\n"
        "operating_body,social_welfare_corporation,0.40\n"
        "operating_body,npo,0.25\n"
        "operating_body,other_body,0.10\n"
        + "".join(f"{ITEM},{i},{s}\n" for i, s in zip(range(1, 8), ITEM_SHARES, strict=True)),
    )
    responses = read_responses(path, FORM, ignore_extra_columns=True)
    raked, weighting = rake(responses, read_targets(targets, FORM))
    assert raked.weights is not None
    weights = pd.Series(raked.weights)
    body = weights.groupby(frame["operating_body"].to_numpy()).sum() / weights.sum()
    expected = {"private_company": 0.25, "social_welfare_corporation": 0.4, "npo": 0.25}
    for option, share in {**expected, "other_body": 0.1}.items():
        assert abs(body[option] - share) <= 1e-6
    answered = (frame[ITEM] != "").to_numpy()
    item = weights[answered].groupby(frame.loc[answered, ITEM].to_numpy()).sum()
    item /= item.sum()
    for option, share in zip(range(1, 8), ITEM_SHARES, strict=True):
        assert abs(item[str(option)] - share) <= 1e-6
    # How far they moved: the figures reported are those of the weights themselves.
    assert weights.mean() == pytest.approx(1.0)
    assert weighting.minimum == pytest.approx(weights.min())
    assert weighting.maximum == pytest.approx(weights.max())
    assert weighting.design_effect == pytest.approx(len(weights) * (weights**2).sum() / 200**2)
    assert weighting.iterations > 1  # two margins that interact


def test_raking_starts_from_the_weight_column(sample: tuple[Path, pd.DataFrame]) -> None:
    path, frame = sample
    targets = path.with_name("t.csv")
    targets.write_text(
        "question,option,share\n"
        + "".join(f"operating_body,{b},{s}\n" for b, s in zip(BODIES, BODY_SHARES, strict=True)),
        encoding="utf-8",
    )
    analysis = analyze(path, FORM, weights="wt", rake_path=targets)
    weights = analysis.responses.weights
    assert weights is not None
    # Post-stratification on one margin: each base weight times its cell's factor.
    base = frame["wt"]
    cell = base.groupby(frame["operating_body"]).transform("sum") / base.sum()
    share = frame["operating_body"].map(dict(zip(BODIES, BODY_SHARES, strict=True)))
    np.testing.assert_allclose(weights, base * share / cell, rtol=1e-9)
    assert analysis.tables.weighting is not None
    assert analysis.tables.weighting.method == "raking"


@pytest.mark.parametrize(
    ("text", "english", "japanese"),
    [
        (
            "question,option,share\noperating_body,npo,0.5\noperating_body,private_company,0.4\n",
            "rows 2, 3: the shares of 'operating_body' add up to 0.9, not 1",
            "構成比の合計が 0.9 で、1 にならない",
        ),
        (
            "question,option,share\nno_such_question,npo,1\n",
            "row 2, column 'question', value 'no_such_question': no question",
            "この名前・ラベルの設問がない",
        ),
        (
            "question,option,share\noperating_body,nonprofit,1\n",
            "row 2, column 'option', value 'nonprofit': not an option of 'operating_body'",
            "選択肢にない",
        ),
        (
            "question,option,share\naffiliation,government,1\n",
            "only single-choice and Likert questions",
            "単一選択・リッカート尺度",
        ),
        (
            "question,option,share\noperating_body,npo,half\n",
            "row 2, column 'share', value 'half': not a share from 0 to 1",
            "0 から 1 の構成比",
        ),
        (
            "question,option,share\noperating_body,npo,0.5\noperating_body,NPO法人,0.5\n",
            "row 3: option 'npo' of 'operating_body' is listed twice",
            "2回ある",
        ),
        ("question,share\noperating_body,1\n", "no column 'option'", "列「選択肢」"),
    ],
)
def test_bad_targets_are_refused_with_clear_messages(
    tmp_path: Path, text: str, english: str, japanese: str
) -> None:
    with pytest.raises(TargetsError) as caught:
        read_targets(write(tmp_path, text), FORM)
    assert english in str(caught.value)
    assert japanese in (japanese_of(caught.value) or "")


def test_targets_the_sample_cannot_reach_are_refused(
    sample: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    path, frame = sample
    frame = frame[frame["operating_body"] != "other_body"]
    frame.to_csv(path, index=False)
    responses = read_responses(path, FORM, ignore_extra_columns=True)
    reachable = read_targets(
        write(tmp_path, "question,option,share\noperating_body,npo,0.9\n" + OTHER_BODY_TENTH),
        FORM,
    )
    with pytest.raises(TargetsError) as caught:
        rake(responses, reachable)
    message = str(caught.value)
    assert "nobody chose 'other_body'" in message
    assert "chose 'private_company', which has no target share" in message
    assert "選んだ人がいない" in (japanese_of(caught.value) or "")


def test_cli_writes_weighted_tables(sample: tuple[Path, pd.DataFrame], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from teichaku.cli import main

    path, _ = sample
    result = CliRunner().invoke(
        main,
        ["analyze", str(path), "--instrument", "retention-challenges-2024", "--weights", "wt",
         "--out", str(tmp_path / "out"), "--tables-only"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "tables.json").read_text(encoding="utf-8"))
    assert data["weighting"]["column"] == "wt"
    bad = write(tmp_path, "question,option,share\noperating_body,npo,0.5\n")
    result = CliRunner().invoke(
        main,
        ["analyze", str(path), "--instrument", "retention-challenges-2024", "--rake", str(bad),
         "--out", str(tmp_path / "out2"), "--ignore-extra-columns"],
    )  # fmt: skip
    assert result.exit_code != 0 and "add up to 0.5, not 1" in result.output
    assert not (tmp_path / "out2").exists()


def test_the_weighted_report_says_so(sample: tuple[Path, pd.DataFrame], tmp_path: Path) -> None:
    path, _ = sample
    write_outputs(analyze(path, FORM, weights="wt"), tmp_path)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "重み付き" in html and "実効回答数" in html
    data = pd.read_csv(tmp_path / "data.csv", encoding="utf-8-sig")
    np.testing.assert_allclose(data["weight"], sample[1]["wt"])


def test_cli_rakes_and_reports_how_far_the_weights_moved(
    sample: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from teichaku.cli import main

    path, frame = sample
    targets = write(
        tmp_path,
        "question,option,share\n"
        + "".join(f"operating_body,{b},{s}\n" for b, s in zip(BODIES, BODY_SHARES, strict=True)),
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["analyze", str(path), "--instrument", "retention-challenges-2024", "--rake",
         str(targets), "--ignore-extra-columns", "--out", str(out), "--tables-only"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    weighting = json.loads((out / "tables.json").read_text(encoding="utf-8"))["weighting"]
    # One margin: post-stratification, each respondent's weight is target share / sample share
    # (scaled to a mean of 1), computed here from the file alone.
    sample_share = frame["operating_body"].map(frame["operating_body"].value_counts(normalize=True))
    expected = (
        frame["operating_body"].map(dict(zip(BODIES, BODY_SHARES, strict=True))) / sample_share
    )
    expected *= len(expected) / expected.sum()
    assert weighting["method"] == "raking"
    assert weighting["min"] == pytest.approx(expected.min(), rel=1e-6)
    assert weighting["max"] == pytest.approx(expected.max(), rel=1e-6)
    assert weighting["design_effect"] == pytest.approx(
        len(expected) * (expected**2).sum() / expected.sum() ** 2, rel=1e-6
    )
    for margin in weighting["margins"]:
        assert abs(margin["weighted"] - margin["target"]) <= 1e-6
    said = (
        f"min {weighting['min']:.3g}, max {weighting['max']:.3g}, "
        f"design effect {weighting['design_effect']:.3f}"
    )
    assert said in result.output
