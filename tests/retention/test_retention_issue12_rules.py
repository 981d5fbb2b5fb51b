"""Issue 12, items 3-6 of the rules core: each test is named by the rule it checks and reads
the figure's source from the rule set. Expected figures are worked by hand from the sources
quoted in the rule sets, never taken from our own output."""

from __future__ import annotations

import json
import math
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from teichaku.cli import main
from teichaku.practice.reward_inputs import EndFacts, support_system
from teichaku.retention.billing import PersonFlags, month_users
from teichaku.retention.loader import load_rule_set, shipped_rule_set
from teichaku.retention.people import Employment, Person
from teichaku.retention.rate import retention_rate
from teichaku.retention.records import RecordsError, parse_records, write_records
from teichaku.retention.reward import OfficeMonth, estimate

FY2018, FY2021, FY2024 = (shipped_rule_set(i) for i in ("fy2018", "fy2021", "fy2024"))


def cli(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(main, ["retention", *args, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def cli_fails(*args: str) -> str:
    result = CliRunner().invoke(main, ["retention", *args])
    assert result.exit_code != 0
    return result.output


# Item 3: FY2021 additions, FY2018 units, compare, COVID window


def test_fy2021_additions_have_the_2021_units_with_their_source() -> None:
    units = {a.id: a.units for a in FY2021.additions}
    assert units["meeting_1"] == 579  # 定着支援連携促進加算
    assert units["retention_record"] == 300
    assert units["job_coach"] == 120
    assert units["initial"] == 900
    assert units["special_area"] == 240
    assert units["company_coordination"] == 240  # 企業連携等調整特別加算
    for addition in FY2021.additions:
        assert addition.source.text.strip()
    assert "kaigosupport.com" in FY2021.addition("meeting_1").source.text
    assert FY2021.addition("meeting_1").name == "定着支援連携促進加算"


def test_company_coordination_addition_ended_with_fy2024() -> None:
    assert "company_coordination" not in {a.id for a in FY2024.additions}
    result = cli("reward", "--rules", "fy2021", "--rate", "0.85", "--users", "10")
    assert result["total_units"] == 2710 * 10
    with_it = cli(
        "reward", "--rules", "fy2021", "--rate", "0.85", "--users", "10",
        "--company-coordination", "2",
    )  # fmt: skip
    assert with_it["total_units"] == 2710 * 10 + 240 * 2


def test_compare_differs_only_where_the_rules_differ_10_users_80_90_initial_job_coach() -> None:
    result = cli(
        "compare", "--users", "10", "--rate", "0.85", "--initial", "1", "--job-coach",
    )  # fmt: skip
    before = 2710 * 10 + 900 + 120 * 10  # FY2021 (≤20 users column)
    after = 2768 * 10 + 900 + 120 * 10  # FY2024
    assert result["base_difference_units"] == 580
    assert result["total_difference_units"] == after - before == 580
    assert result["notes"] == []


def test_fy2018_base_for_20_or_fewer_users_from_2019_10_bands_by_tenths() -> None:
    column = FY2018.columns[0]
    assert "令和元年10月" in column.source.text and column.source.unverified
    for rate, units in (("0.95", 3215), ("0.85", 2652), ("0.75", 2130), ("0.6", 1607),
                        ("0.4", 1366), ("0.1", 1206), ("0.05", 1045)):  # fmt: skip
        result = cli("reward", "--rules", "fy2018", "--rate", rate, "--users", "5")
        assert result["total_units"] == units * 5, rate
    unknown = cli("reward", "--rules", "fy2018", "--rate", "0.85", "--users", "21")
    assert unknown["total_units"] is None


def covid_people() -> list[Person]:
    # Service 2018-05..2020-01; the job held through 2020-03-31 and left 2020-06-30.
    return [Person("a", date(2018, 5, 1), date(2020, 1, 31), (Employment(date(2017, 10, 1),
                   date(2020, 6, 30)),))]  # fmt: skip


def test_covid_window_rates_fy2021_on_fy2018_2019_judged_2020_03_31() -> None:
    usual = retention_rate(covid_people(), 2021, FY2021)
    assert (usual.window_from, usual.status_date) == (date(2018, 4, 1), date(2021, 3, 31))
    assert usual.numerator == 0  # not employed on 2021-03-31
    covid = retention_rate(covid_people(), 2021, FY2021, alternative_window=True)
    assert (covid.window_from, covid.status_date) == (date(2018, 4, 1), date(2020, 3, 31))
    assert covid.numerator == 1 and covid.denominator == 1
    assert "UNVERIFIED" in covid.interpretation
    window = FY2021.retention.alternative_window
    assert window is not None and window.source.unverified


def test_covid_window_only_for_fy2021(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="特例"):
        retention_rate(covid_people(), 2022, FY2021, alternative_window=True)
    path = tmp_path / "r.csv"
    path.write_text(write_records(covid_people()), encoding="utf-8")
    assert cli("rate", str(path), "--fiscal-year", "2021", "--covid-window")["numerator"] == 1
    assert "特例" in cli_fails("rate", str(path), "--fiscal-year", "2024", "--covid-window")


# Item 4: reductions


def reduced(reduction: str, month: int = 1) -> int | None:
    office = OfficeMonth(1, Fraction(1), reductions={reduction: month})
    return estimate(office, FY2024).total_units


def test_info_not_reported_reduction_minus_5_percent_unverified() -> None:
    assert reduced("info_not_reported") == 3336  # 3512 × 0.95 = 3336.4
    assert FY2024.reduction("info_not_reported").source.unverified


def test_abuse_prevention_missing_reduction_minus_1_percent() -> None:
    assert reduced("abuse_prevention_missing") == 3477  # 3512 × 0.99 = 3476.88
    assert "1%" in FY2024.reduction("abuse_prevention_missing").source.text


def test_service_manager_shortage_from_the_month_after_next_70_then_50_from_the_5th() -> None:
    # 欠如の月 = 1: months 1-2 not reduced; month 3 is the reduction's 1st month (70 %),
    # month 6 its 4th (70 %), month 7 its 5th (50 %).
    assert reduced("service_manager_shortage", 2) == 3512
    assert reduced("service_manager_shortage", 3) == 2458  # 3512 × 0.7 = 2458.4
    assert reduced("service_manager_shortage", 6) == 2458
    assert reduced("service_manager_shortage", 7) == 1756
    reduction = FY2024.reduction("service_manager_shortage")
    assert "就労定着支援" in reduction.source.text
    assert reduction.starts_source is not None and "翌々月" in reduction.starts_source.text
    result = cli(
        "reward", "--rate", "1", "--users", "2", "--service-manager-shortage-month", "3",
    )  # fmt: skip
    assert result["total_units"] == 2458 * 2


def test_business_continuity_not_shipped_and_treatment_improvement_rates_said_unknown() -> None:
    ids = {r.id for r in FY2024.reductions} | {a.id for a in FY2024.additions}
    assert not any("continuity" in i or "treatment" in i for i in ids)
    notes = " ".join(FY2024.notes)
    assert "業務継続計画未策定減算" in notes and "処遇改善加算" in notes and "UNVERIFIED" in notes


# Item 5: who the base reward is for


def test_billable_only_with_the_months_report_shared_since_fy2021() -> None:
    people = [Person(pid, date(2024, 4, 1), None, ()) for pid in "abc"]
    flags = {"b": PersonFlags(months_without_report=frozenset({date(2025, 6, 1)}))}
    june = month_users(people, flags, date(2025, 6, 15), FY2024)
    assert june.billable == ("a", "c") and june.without_report == ("b",)
    assert month_users(people, flags, date(2025, 7, 1), FY2024).users == 3
    assert month_users(people, flags, date(2025, 6, 1), FY2018).users == 3  # no such rule
    assert FY2024.requires_shared_report and not FY2018.requires_shared_report


def test_special_area_per_person_resident_not_every_user(tmp_path: Path) -> None:
    people = [Person(pid, date(2024, 4, 1), None, (Employment(date(2023, 9, 1)),))
              for pid in "abcd"]  # fmt: skip
    flags = {
        "a": PersonFlags(special_area=True),
        "b": PersonFlags(special_area=True, months_without_report=frozenset({date(2025, 6, 1)})),
        "c": PersonFlags(copay_cap=True),
    }
    path = tmp_path / "records.csv"
    path.write_text(write_records(people, flags), encoding="utf-8")
    result = cli(
        "reward", "--records", str(path), "--fiscal-year", "2025", "--month", "2025-06",
    )  # fmt: skip
    lines = {line["item"]: line for line in result["lines"]}  # type: ignore[attr-defined]
    assert result["users"] == 3  # b: no report shared in June
    assert lines["special_area"]["count"] == 1  # a only: b lives there but is not billed
    assert lines["copay_cap"]["count"] == 1
    assert result["total_units"] == 3512 * 3 + 240 + 150
    assert "--users" in cli_fails(
        "reward", "--records", str(path), "--fiscal-year", "2025", "--month", "2025-06",
        "--users", "4",
    )  # fmt: skip


def test_support_system_reduction_follows_only_people_needing_continued_support() -> None:
    due = EndFacts("a", date(2024, 10, 1), date(2025, 9, 30))
    assert support_system(True, True, [due], date(2025, 6, 1)).missing_sharing == ("a",)
    settled = EndFacts("a", date(2024, 10, 1), date(2025, 9, 30), continued_support=False)
    assert support_system(True, True, [settled], date(2025, 6, 1)).built


def test_records_per_person_columns_round_trip_and_refuse_bad_values() -> None:
    people = [Person("a", date(2024, 4, 1), None, (Employment(date(2023, 9, 1)),))]
    flags = {"a": PersonFlags(True, True, False, frozenset({date(2025, 4, 1), date(2025, 6, 1)}))}
    text = write_records(people, flags)
    assert "2025-04 2025-06" in text
    assert parse_records(text).flags == flags
    bad = text.replace("はい", "たぶん", 1)
    with pytest.raises(RecordsError, match="special_area"):
        parse_records(bad)
    with pytest.raises(RecordsError, match="months_without_report"):
        parse_records(text.replace("2025-06", "6月"))


# Item 6: yen per person, 地域区分 by uplift × staff share


def test_area_grade_price_is_uplift_times_staff_share_when_the_share_is_given(
    tmp_path: Path,
) -> None:
    assert FY2024.staff_share is None  # not sourced: no price but その他
    grade = FY2024.area_grade("1級地")
    assert grade is not None and grade.yen_per_unit is None and grade.uplift == Fraction(1, 5)
    override = tmp_path / "share.json"
    override.write_text(
        json.dumps({"extends": "fy2024", "area_grades": {"staff_share": {
            "value": "0.55", "source": "管理者の指定(試算)", "unverified": True}}}),
        encoding="utf-8",
    )  # fmt: skip
    rules = load_rule_set(override)
    first, seventh = rules.area_grade("1級地"), rules.area_grade("7級地")
    assert first is not None and first.yen_per_unit == Fraction("11.1")  # 10 × (1 + .2 × .55)
    assert seventh is not None and seventh.yen_per_unit == Fraction("10.165")


def test_yen_floored_per_person_as_billing_does(tmp_path: Path) -> None:
    override = tmp_path / "share.json"
    override.write_text(
        json.dumps({"extends": "fy2024", "area_grades": {"staff_share": {
            "value": "0.55", "source": "試算", "unverified": True}}}),
        encoding="utf-8",
    )  # fmt: skip
    result = cli("reward", "--rules", str(override), "--rate", "1", "--users", "5",
                 "--area", "1級地")  # fmt: skip
    per_person = math.floor(Fraction(3512) * Fraction("11.1"))  # 38983.2 → 38983
    assert result["yen"] == per_person * 5 == 194915
    assert math.floor(Fraction(3512 * 5) * Fraction("11.1")) == 194916  # not the total's floor
    other = cli("reward", "--rate", "1", "--users", "5", "--area", "1級地")
    assert other["yen"] is None and "UNVERIFIED" in str(other["yen_reason"])


def test_treatment_improvement_grades_shipped_without_rates_and_left_out_of_the_total(
    tmp_path: Path,
) -> None:
    rated = FY2024.rate_additions[0]
    assert [g.id for g in rated.grades] == ["I", "II", "III", "IV"]
    assert all(g.rate is None and g.source.unverified for g in rated.grades)
    result = cli("reward", "--rate", "1", "--users", "2", "--treatment-improvement", "I")
    lines = {line["item"]: line for line in result["lines"]}  # type: ignore[attr-defined]
    assert lines["treatment_improvement"]["units"] is None
    assert result["total_units"] == 3512 * 2 and result["complete"] is False
    override = tmp_path / "rate.json"
    override.write_text(
        json.dumps({"extends": "fy2024", "rate_additions": [{
            "id": "treatment_improvement", "name": "福祉・介護職員等処遇改善加算",
            "condition": "試算", "source": "管理者の指定", "unverified": True,
            "grades": [{"id": "I", "label": "区分Ⅰ", "rate": "0.1", "source": "試算",
                        "unverified": True}]}]}),
        encoding="utf-8",
    )  # fmt: skip
    given = cli("reward", "--rules", str(override), "--rate", "1", "--users", "2",
                "--treatment-improvement", "I")  # fmt: skip
    assert given["total_units"] == 7024 + 702  # 7,024 × 10 % = 702.4 → 702
