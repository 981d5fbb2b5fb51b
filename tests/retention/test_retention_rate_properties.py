"""Invariants of the 就労定着率 and the bands, checked on generated offices (hypothesis)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from teichaku.retention.loader import shipped_rule_set
from teichaku.retention.people import Employment, EpisodeRow, Person, people_from_rows
from teichaku.retention.rate import retention_rate
from teichaku.retention.reward import base_units

FY = 2025
DAY0 = date(2019, 1, 1)
days = st.integers(min_value=0, max_value=365 * 7)


@st.composite
def people_strategy(draw: st.DrawFn, pid: str) -> Person:
    start = DAY0 + timedelta(days=draw(days))
    end = draw(st.one_of(st.none(), st.integers(0, 365 * 3)))
    hired = start - timedelta(days=draw(st.integers(-30, 400)))
    jobs = []
    for _ in range(draw(st.integers(1, 4))):
        length = draw(st.one_of(st.none(), st.integers(0, 900)))
        left = None if length is None else hired + timedelta(days=length)
        jobs.append(Employment(hired, left, draw(st.booleans()) and draw(st.booleans())))
        if left is None:
            break
        hired = left + timedelta(days=draw(st.integers(1, 60)))
    return Person(pid, start, None if end is None else start + timedelta(days=end), tuple(jobs))


offices = st.integers(0, 12).flatmap(
    lambda n: st.tuples(*(people_strategy(str(i)) for i in range(n)))
)


@given(offices)
@settings(max_examples=100, deadline=None)
def test_rate_and_its_bounds_are_within_zero_and_one(people: tuple[Person, ...]) -> None:
    result = retention_rate(people, FY)
    for value in (result.rate, result.rate_low, result.rate_high):
        assert value is None or 0 <= value <= 1
    if result.rate_low is not None and result.rate_high is not None:
        assert result.rate_low <= result.rate_high
    assert result.numerator + result.undetermined <= result.denominator


@given(offices)
@settings(max_examples=100, deadline=None)
def test_adding_a_retained_person_never_lowers_the_rate(people: tuple[Person, ...]) -> None:
    before = retention_rate(people, FY)
    newcomer = Person("zz-new", date(2023, 10, 1), None, (Employment(date(2023, 4, 1)),))
    after = retention_rate((*people, newcomer), FY)
    assert after.people[-1].retained is True
    assert after.rate_low is not None and after.rate_high is not None
    if before.rate_low is not None and before.rate_high is not None:
        assert after.rate_low >= before.rate_low
        assert after.rate_high >= before.rate_high


@given(offices, st.randoms(use_true_random=False))
@settings(max_examples=100, deadline=None)
def test_reordering_rows_changes_nothing(people: tuple[Person, ...], rnd: random.Random) -> None:
    rows = [
        EpisodeRow(p.person_id, p.service_start, p.service_end, job)
        for p in people
        for job in p.employments
    ]
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    assert retention_rate(people_from_rows(shuffled), FY) == retention_rate(
        people_from_rows(rows), FY
    )


rates = st.fractions(min_value=0, max_value=1, max_denominator=10_000)


@given(rates, rates)
def test_band_and_units_are_monotone_in_the_rate(a: Fraction, b: Fraction) -> None:
    low, high = sorted((a, b))
    for rule_set, users in (("fy2024", None), ("fy2021", 10)):
        rules = shipped_rule_set(rule_set)
        assert rules.band_index(low) >= rules.band_index(high)  # type: ignore[operator]
        units_low = base_units(low, rules, users).units
        units_high = base_units(high, rules, users).units
        assert units_low is not None and units_high is not None
        assert units_low <= units_high


@given(rates)
def test_every_rate_falls_in_exactly_one_band(rate: Fraction) -> None:
    rules = shipped_rule_set("fy2024")
    assert sum(band.contains(rate) for band in rules.bands) == 1
