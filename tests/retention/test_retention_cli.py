"""`teichaku retention …` through click's runner, and once through the installed script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from teichaku.cli import main

# b changes jobs within a month during the service (rule C); see test_retention_rule_c_scope.
RECORDS = """person_id,service_start,service_end,hired_on,left_on,memo
a,2023-10-01,,2023-04-01,,
b,R4.4.1,R7.3.31,2021-10-01,2024-06-30,
b,R4.4.1,R7.3.31,2024-07-15,,
c,2022-01-01,2022-12-31,2021-07-01,2022-12-31,
z,2019-01-01,2021-12-31,2018-07-01,,
"""


@pytest.fixture
def records(tmp_path: Path) -> Path:
    path = tmp_path / "records.csv"
    path.write_text(RECORDS, encoding="utf-8")
    return path


def run(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(main, ["retention", *args, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_periods_from_hire_date_in_wareki() -> None:
    data = run("periods", "--hired-on", "令和6年4月1日")
    assert data["eligibility"]["eligible_from"] == {  # type: ignore[index]
        "iso": "2024-10-01",
        "wareki": "令和6年10月1日",
    }


def test_periods_from_service_start() -> None:
    data = run("periods", "--service-start", "2024-10-01")
    assert data["service_period"]["last_day"]["iso"] == "2027-09-30"  # type: ignore[index]


def test_rate_json_has_the_documented_fields(records: Path) -> None:
    data = run("rate", str(records), "--fiscal-year", "FY2025")
    assert data["window"] == {"from": "2022-04-01", "to": "2025-03-31"}
    assert data["status_date"] == "2025-03-31"
    assert (data["denominator"], data["numerator"]) == (3, 2)
    assert data["rate"] == round(2 / 3, 6)
    assert data["band"] == "50%以上70%未満" and data["base_units"] == 1690
    assert data["rule_set"] == "fy2024"
    people = {p["person_id"]: p for p in data["people"]}  # type: ignore[attr-defined]
    assert people["z"]["counted"] is False and people["z"]["retained"] is None
    assert people["c"]["retained"] is False and "規則B" in people["c"]["reason"]


def test_rate_human_output_is_japanese(records: Path) -> None:
    result = CliRunner().invoke(main, ["retention", "rate", str(records), "--fiscal-year", "R7"])
    assert result.exit_code == 0, result.output
    assert "就労定着率" in result.output and "1,690単位" in result.output


def test_bad_rows_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("person_id,service_start,service_end,hired_on,left_on\na,x,,,\n", "utf-8")
    result = CliRunner().invoke(main, ["retention", "rate", str(path), "--fiscal-year", "2025"])
    assert result.exit_code != 0
    assert "row 2" in result.output and "service_start" in result.output and "'x'" in result.output


def test_reward_and_compare() -> None:
    data = run("reward", "--rate", "85%", "--users", "10", "--initial", "1", "--area", "その他")
    assert data["total_units"] == 2768 * 10 + 900 and data["yen"] == (2768 * 10 + 900) * 10
    comparison = run("compare", "--rate", "0.85", "--users", "10")
    assert comparison["base_difference_units"] == (2768 - 2710) * 10


def test_rules_override_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"extends": "fy2024", "id": "local"}), encoding="utf-8")
    data = run("reward", "--rate", "1", "--users", "1", "--rules", str(path))
    assert data["rule_set"] == "local"


def test_installed_console_script(records: Path) -> None:
    script = Path(sys.executable).with_name("teichaku")
    if not script.exists():
        found = shutil.which("teichaku")
        if found is None:
            pytest.skip("teichaku console script not installed")
        script = Path(found)
    completed = subprocess.run(
        [str(script), "retention", "rate", str(records), "--fiscal-year", "2025", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(completed.stdout)["denominator"] == 3
