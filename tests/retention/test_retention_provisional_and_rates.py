"""Issue 12, item 6 (part). A fiscal year after the newest shipped rule set was checked
(`checked_through` in fy2024.json, with its source) is rated under it only provisionally, and
every result says so; a full-width rate such as ９５％ is read like a full-width date."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from typing import Any

import pytest
from click.testing import CliRunner

from teichaku.cli import main
from teichaku.retention.loader import rule_set_for_fiscal_year, shipped_rule_set
from teichaku.retention.rate import RateFormatError, parse_rate, retention_rate
from teichaku.retention.reward import OfficeMonth, estimate


def run(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["retention", *args, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_rule_set_fy2024_says_through_when_it_was_checked_with_a_source() -> None:
    rules = shipped_rule_set("fy2024")
    assert rules.checked_through == date(2027, 3, 31)
    assert rules.checked_through_source is not None
    assert "3年" in rules.checked_through_source.text


def test_rule_set_for_fy2026_is_fy2024_without_a_provisional_note() -> None:
    rules = rule_set_for_fiscal_year(2026)
    assert rules.id == "fy2024" and not any("2027" in note for note in rules.notes)


def test_rule_set_for_fy2027_says_no_rule_set_is_shipped() -> None:
    rules = rule_set_for_fiscal_year(2027)
    assert any("令和9年度" in note and "UNVERIFIED" in note for note in rules.notes)
    assert any("規則セットの上書きファイル" in note for note in rules.notes)
    assert not any("--" in note for note in rules.notes)  # pages show it: no command-line flag
    assert rules.bands_source.unverified  # the base units are shown as unverified
    rated = retention_rate([], 2027)
    assert any("令和9年度" in note for note in rated.notes)
    reward = estimate(OfficeMonth(1, Fraction(1)), rules)
    assert reward.lines[0].unverified and any("令和9年度" in n for n in reward.notes)


def test_cli_fy2027_says_so_and_an_explicit_rule_set_does_not() -> None:
    provisional = run("reward", "--rate", "1", "--users", "1", "--fiscal-year", "2027")
    assert any("令和9年度" in note for note in provisional["notes"])
    chosen = run("reward", "--rate", "1", "--users", "1", "--rules", "fy2024")
    assert not any("令和9年度" in note for note in chosen["notes"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("９５％", Fraction(19, 20)),
        ("95%", Fraction(19, 20)),
        ("０．８５", Fraction(17, 20)),
        ("17/20", Fraction(17, 20)),
        (" 85 % ", Fraction(17, 20)),
        ("１００％", Fraction(1)),
    ],
)
def test_rate_full_width_is_read_like_a_full_width_date(text: str, expected: Fraction) -> None:
    assert parse_rate(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "120%", "-5%", "1/0", "９５％％"])
def test_rate_refused_with_what_is_accepted(text: str) -> None:
    with pytest.raises(RateFormatError, match="85%"):
        parse_rate(text)


def test_cli_accepts_a_full_width_rate() -> None:
    data = run("reward", "--rate", "９５％", "--users", "2")
    assert data["total_units"] == shipped_rule_set("fy2024").columns[0].units[0] * 2  # type: ignore[index]
