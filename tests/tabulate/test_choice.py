"""Single-choice and Likert tables against independent computations."""

from __future__ import annotations

import statistics

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from teichaku.instrument import LikertScale, load_instrument
from teichaku.responses import responses_from_records
from teichaku.tabulate import LikertTable, tabulate_choice

FORM = load_instrument("retention-challenges-2024")
ITEM = "q01_securing_users"
SCALE = [str(v) for v in range(1, 8)]


def likert_table(values: list[str | None]) -> LikertTable:
    table = tabulate_choice(responses_from_records(FORM, [{ITEM: v} for v in values]).choice(ITEM))
    assert isinstance(table, LikertTable)
    return table


def test_every_declared_option_in_declared_order_with_zero_counts() -> None:
    table = likert_table(["7", "7", "5", None, "1"])
    assert [o.value for o in table.options] == SCALE
    assert [o.count for o in table.options] == [1, 0, 0, 0, 1, 0, 2]
    assert (table.n, table.missing) == (4, 1)
    assert table.modes == ("7",)
    assert table.mode_percent == pytest.approx(50.0)
    assert table.options[0].percent == pytest.approx(25.0)


def test_ties_keep_every_mode_in_declared_order() -> None:
    table = likert_table(["6", "2", "6", "2", "4"])
    assert table.modes == ("2", "6")
    assert table.mode_percent == pytest.approx(40.0)


def test_low_neutral_high_split_around_the_centre() -> None:
    table = likert_table(["1", "2", "3", "4", "4", "5", "6", "7", "7", "7"])
    assert table.low_percent == pytest.approx(30.0)
    assert table.neutral_percent == pytest.approx(20.0)
    assert table.high_percent == pytest.approx(50.0)


def test_no_answers_gives_no_percentages() -> None:
    table = likert_table([None, None])
    assert (table.n, table.missing, table.modes, table.mode_percent) == (0, 2, (), None)
    assert table.mean is None and table.high_percent is None


def test_single_choice_is_not_likert() -> None:
    records = [{"operating_body": v} for v in ["npo", "npo", "private_company"]]
    table = tabulate_choice(responses_from_records(FORM, records).choice("operating_body"))
    assert not isinstance(table, LikertTable)
    assert table.modes == ("npo",)
    assert [o.count for o in table.options] == [1, 0, 2, 0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([*SCALE, None]), min_size=2, max_size=80))
def test_summary_statistics_equal_the_statistics_module(values: list[str | None]) -> None:
    table = likert_table(values)
    scores = [int(v) for v in values if v is not None]
    expected_counts = pd.Series(scores, dtype="int64").value_counts()
    assert [o.count for o in table.options] == [int(expected_counts.get(i, 0)) for i in range(1, 8)]
    if len(scores) >= 1:
        assert table.mean == pytest.approx(statistics.fmean(scores))
        assert table.median == pytest.approx(statistics.median(scores))
    if len(scores) >= 2:
        assert table.sd == pytest.approx(statistics.stdev(scores))


def test_reversed_scale_scores_the_first_option_highest() -> None:
    scale = LikertScale(centre=2.5, high_is_last=False)
    assert [scale.score(p, 4) for p in range(1, 5)] == [4, 3, 2, 1]
    assert [scale.side(p) for p in range(1, 5)] == [1, 1, -1, -1]
