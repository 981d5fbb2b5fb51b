"""`--rules` is honoured everywhere (issue 12, item 2): `reward --records … --rules FILE` and
`compare --records … --before/--after FILE` rate the records under the rule set named, exactly
as `rate --rules FILE` does, never under the shipped one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from teichaku.cli import main
from teichaku.retention.loader import shipped_rule_set

# Two job changes within a month, both during the service: not retained under the shipped
# rules (one exception, 2018-12-17 Q&A), retained under an override that allows two.
RECORDS = """person_id,service_start,service_end,hired_on,left_on
a,2022-10-01,,2022-04-01,2023-05-31
a,2022-10-01,,2023-06-10,2024-02-29
a,2022-10-01,,2024-03-10,
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    records = tmp_path / "records.csv"
    records.write_text(RECORDS, encoding="utf-8")
    retention = shipped_rule_set("fy2024").retention
    override = {
        "extends": "fy2024",
        "id": "two_changes",
        "retention": {
            "window_fiscal_years": retention.window_fiscal_years,
            "reemployment_within_months": retention.reemployment_within_months,
            "reemployment_exceptions": 2,
            "source": "管理者の上書き(試験用) / an administrator's override (test)",
            "unverified": True,
        },
    }
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps(override, ensure_ascii=False), encoding="utf-8")
    return records, rules


def run(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["retention", *args, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_rules_override_rates_the_records_for_rate_and_reward_alike(
    files: tuple[Path, Path],
) -> None:
    records, rules = files
    rated = run("rate", str(records), "--fiscal-year", "2025", "--rules", str(rules))
    assert rated["rate"] == 1 and rated["base_units"] == 3512
    shipped = run("reward", "--records", str(records), "--fiscal-year", "2025", "--users", "1")
    assert shipped["total_units"] == 1074  # rate 0 under the shipped rules
    reward = run(
        "reward",
        *("--records", str(records), "--fiscal-year", "2025", "--users", "1"),
        *("--rules", str(rules)),
    )
    assert reward["rule_set"] == "two_changes"
    assert reward["total_units"] == rated["base_units"] == 3512


def test_rules_override_rates_the_records_in_compare(files: tuple[Path, Path]) -> None:
    records, rules = files
    data = run(
        "compare",
        *("--records", str(records), "--fiscal-year", "2025", "--users", "1"),
        *("--after", str(rules)),
    )
    assert data["after"]["rule_set"] == "two_changes"
    assert data["after"]["total_units"] == 3512  # rated under the override: 100 %
    assert data["before"]["total_units"] == 1046  # rated under fy2021: 0 %
