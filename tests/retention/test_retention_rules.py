"""Rule sets as data: the shipped ones, their sources, overrides and validation errors."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from teichaku.retention.loader import (
    SHIPPED,
    RuleSetError,
    area_grade_names,
    load_rule_set,
    rule_set_for_fiscal_year,
    shipped_rule_set,
)


def test_every_shipped_rule_set_loads_and_every_figure_has_a_source() -> None:
    for rule_set_id in SHIPPED:
        rules = shipped_rule_set(rule_set_id)
        assert rules.retention.source.text
        for column in rules.columns:
            assert column.source.text
        for addition in rules.additions:
            assert addition.source.text


def test_fy2024_table_as_in_the_sources() -> None:
    rules = shipped_rule_set("fy2024")
    (column,) = rules.columns
    assert column.units == (3512, 3348, 2768, 2234, 1690, 1433, 1074)
    assert [b.label for b in rules.bands][:2] == ["95%以上", "90%以上95%未満"]
    assert rules.addition("copay_cap").source.unverified


def test_fy2021_columns_above_20_users_are_unverified_and_unknown() -> None:
    rules = shipped_rule_set("fy2021")
    known, *unknown = rules.columns
    assert known.units == (3449, 3285, 2710, 2176, 1642, 1395, 1046)
    assert all(c.units is None and c.source.unverified for c in unknown)


def test_fy2018_only_the_sourced_column_and_marked_unverified() -> None:
    """FY2018: ≤20 users from 2019-10 (one secondary source); the larger columns unknown."""
    rules = shipped_rule_set("fy2018")
    small, *larger = rules.columns
    assert small.units == (3215, 2652, 2130, 1607, 1366, 1206, 1045)
    assert small.source.unverified and "kaigosupport.com" in small.source.text
    assert all(c.units is None and c.source.unverified for c in larger)
    assert rules.band_index(Fraction(1, 2)) == 3  # 5割以上7割未満


def test_rule_set_in_force_by_fiscal_year() -> None:
    assert rule_set_for_fiscal_year(2025).id == "fy2024"
    assert rule_set_for_fiscal_year(2024).id == "fy2024"
    assert rule_set_for_fiscal_year(2023).id == "fy2021"
    assert rule_set_for_fiscal_year(2018).id == "fy2018"
    with pytest.raises(RuleSetError):
        rule_set_for_fiscal_year(2017)


def test_an_administrator_override_extends_a_shipped_rule_set(tmp_path: Path) -> None:
    path = tmp_path / "fy2027.toml"
    path.write_text(
        'extends = "fy2024"\nid = "fy2027"\n'
        '[[additions]]\nid = "job_coach"\nname = "職場適応援助者"\nunits = 130\n'
        'basis = "per_user_month"\ncondition = "改定"\nsource = "管理者"\nunverified = false\n',
        encoding="utf-8",
    )
    rules = load_rule_set(path)
    assert rules.id == "fy2027"
    assert rules.addition("job_coach").units == 130
    assert rules.addition("initial").units == 900
    assert rules.origin == str(path)


def test_a_bad_override_is_refused_naming_file_key_value_and_what_is_accepted(
    tmp_path: Path,
) -> None:
    raw = json.loads(json.dumps({"extends": "fy2024"}))
    raw["base"] = {
        "name": "x",
        "bands": ["0.95", "0.90", "0.80", "0.70", "0.50", "0.30", "0"],
        "bands_source": "x",
        "bands_unverified": False,
        "columns": [
            {
                "id": "all",
                "label": "x",
                "min_users": 0,
                "max_users": None,
                "units": [3512, 3348, 2768, 2234, 1690, 1433, "many"],
                "source": "x",
                "unverified": False,
            }
        ],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(RuleSetError) as error:
        load_rule_set(path)
    message = str(error.value)
    assert str(path) in message and "base.columns[0].units[6]" in message
    assert "'many'" in message and "整数" in message


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"bands": ["0.5", "0.9", "0"]}, "base.bands"),
        ({"effective_from": "2024-13-01"}, "effective_from"),
        ({"retention": {"window_fiscal_years": 0}}, "retention.window_fiscal_years"),
    ],
)
def test_validation_names_the_key_path(
    tmp_path: Path, change: dict[str, object], path: str
) -> None:
    raw: dict[str, object] = {"extends": "fy2024"}
    if "bands" in change:
        base = json.loads(
            (Path(__file__).parents[2] / "src/teichaku/retention/rulesets/fy2024.json").read_text(
                encoding="utf-8"
            )
        )["base"]
        base.update(change)
        raw["base"] = base
    else:
        raw.update(change)
    file = tmp_path / "x.json"
    file.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(RuleSetError, match=path.replace(".", r"\.")):
        load_rule_set(file)


def test_unknown_rule_set_and_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError, match="fy2024"):
        load_rule_set(tmp_path / "missing.json")


def test_the_area_grade_names_come_from_the_rule_sets(tmp_path: Path) -> None:
    names = area_grade_names()
    assert names == shipped_rule_set("fy2024").area_grade_names
    assert names[0] == "1級地" and names[-1] == "その他" and len(names) == 8
    for rule_set_id in SHIPPED:  # every priced grade is one of the names
        rules = shipped_rule_set(rule_set_id)
        assert {g.name for g in rules.area_grades} <= set(rules.area_grade_names)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "extends": "fy2024",
                "area_grades": {
                    "source": "x",
                    "unverified": False,
                    "names": ["1級地"],
                    "grades": [
                        {"name": "その他", "yen_per_unit": "10", "source": "x", "unverified": False}
                    ],
                },
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(RuleSetError, match=r"area_grades\.names"):
        load_rule_set(bad)
