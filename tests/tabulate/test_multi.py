"""Multiple-choice tables: mentions, cases, none selected and skipped."""

from __future__ import annotations

import pytest

from teichaku.instrument import PercentBase, load_instrument
from teichaku.responses import responses_from_records
from teichaku.tabulate import tabulate_multi

FORM = load_instrument("retention-challenges-2024")


def test_mentions_cases_and_both_percentages() -> None:
    records = [
        {"monitoring_methods": ["phone", "email"]},
        {"monitoring_methods": "phone"},
        {"monitoring_methods": []},  # answered, chose nothing
        {},  # skipped
    ]
    table = tabulate_multi(responses_from_records(FORM, records).multi("monitoring_methods"))
    counts = {o.value: o.count for o in table.options}
    assert counts["phone"] == 2 and counts["email"] == 1 and counts["other"] == 0
    assert (table.mentions, table.cases, table.none_selected) == (3, 2, 1)
    assert (table.n, table.missing) == (3, 1)
    phone = table.options[0]
    assert phone.percent_of_cases == pytest.approx(100.0)
    assert phone.percent_of_responses == pytest.approx(200 / 3)
    # monitoring_methods reports shares of mentions, as Table 13 does
    assert table.percent_base is PercentBase.RESPONSES
    assert phone.percent == phone.percent_of_responses
    assert "none_selected" in table.counting


def test_affiliation_reports_shares_of_cases() -> None:
    records = [
        {"affiliation": "retention_support transition_support"},
        {"affiliation": "nakapotsu"},
    ]
    table = tabulate_multi(responses_from_records(FORM, records).multi("affiliation"))
    assert table.percent_base is PercentBase.CASES
    assert table.options[0].percent == pytest.approx(50.0)
    assert sum(o.percent or 0 for o in table.options) == pytest.approx(150.0)
