"""The reward inputs kept by the office's 管理者 beyond the people's records: the situations
that reduce the reward (サービス管理責任者の欠如, 情報公表の未報告, 虐待防止措置の未実施) by
month, the size of a staffing shortage, 処遇改善加算's grade, and 企業連携等調整特別加算
(FY2018–FY2021 rule sets: users in their first year). The dashboard equals
`teichaku retention reward` run on the exported records with the same inputs as options."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from teichaku.practice.months import fiscal_year_of, month_of, shift_month
from teichaku.retention.loader import rule_set_for_fiscal_year, shipped_rule_set
from teichaku.web.offices import clock
from teichaku.web.offices.models import (
    AuditEntry,
    Employment,
    OfficeSituation,
    Person,
    SituationKind,
)
from teichaku.web.offices.models.tenancy import ShortageSize, TreatmentGrade

from .conftest import World, sign_in
from .test_office_rate_cli import add_varied_people, check_office, share_reports


def situation(world: World, kind: str, since: date, until: date | None = None) -> None:
    OfficeSituation.objects.create(
        office=world.office,
        kind=kind,
        since=since,
        until=until,
        note="架空",
        recorded_by=world.users["admin"],
    )


def test_the_choices_are_the_rule_sets_ids() -> None:
    rules = shipped_rule_set("fy2024")
    assert {r.id for r in rules.reductions} >= set(SituationKind.values)
    staffing = rules.reduction("staffing_shortage")
    assert {s.id for s in staffing.starts} == set(ShortageSize.values)
    graded = next(a for a in rules.rate_additions if a.id == "treatment_improvement")
    assert [g.id for g in graded.grades] == TreatmentGrade.values


@pytest.mark.django_db
def test_every_situation_and_grade_reaches_the_reward_as_the_cli_computes_it(
    world: World, tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_varied_people(world)
    Person.objects.for_office(world.office).filter(display_name__in=["不明", "雇用未記録"]).delete()
    day = date(fiscal_year_of(date.today()) + 1, 1, 15)
    this = month_of(day)
    share_reports(world, this)
    office = world.office
    office.staffing_shortage_since = shift_month(this, -1) + timedelta(days=3)
    office.staffing_shortage_size = ShortageSize.UP_TO_10_PERCENT
    office.treatment_improvement = TreatmentGrade.II
    office.save()
    # Began 3 months before: this month is its 4th; reduced from the month after next.
    situation(world, SituationKind.SERVICE_MANAGER_SHORTAGE, shift_month(this, -3))
    situation(world, SituationKind.INFO_NOT_REPORTED, this, this)
    # One resolved last month (not this month) and one that began this month.
    situation(
        world, SituationKind.ABUSE_PREVENTION_MISSING, shift_month(this, -6), shift_month(this, -1)
    )
    situation(world, SituationKind.ABUSE_PREVENTION_MISSING, this)

    views = check_office(office, tmp_path, day)

    for view in views:
        inputs = view.inputs
        assert inputs.service_manager_shortage_month == 4
        assert inputs.info_not_reported and inputs.abuse_prevention_missing
        assert inputs.staffing_shortage_month == 2
        assert inputs.staffing_shortage_size == "up_to_10_percent"
        assert inputs.treatment_improvement == "II"
        assert inputs.company_coordination == 0  # not in the FY2024 rules
    view = views[0]
    assert view.base.units is not None and view.users > 0
    items = {line.item: line for line in view.reward.lines}
    # 1割以内の人員欠如: reduced from the month after next, so not in its 2nd month.
    assert "staffing_shortage" not in items
    assert any("人員欠如減算" in note and "減算なし" in note for note in view.reward.notes)
    # By hand, in the core's order (by reduction id), each on the base reduced so far,
    # rounded half up: 99 %, 95 %, 70 % (2nd month of the reduction).
    base = view.base.units
    after_abuse = int(Fraction(base) * Fraction("0.99") + Fraction(1, 2))
    after_info = int(Fraction(after_abuse) * Fraction("0.95") + Fraction(1, 2))
    after_manager = int(Fraction(after_info) * Fraction("0.70") + Fraction(1, 2))
    assert items["abuse_prevention_missing"].units_each == after_abuse - base
    assert items["info_not_reported"].units_each == after_info - after_abuse
    assert items["service_manager_shortage"].units_each == after_manager - after_info
    treatment = items["treatment_improvement"]
    assert treatment.units is None and treatment.unverified  # the rate is not in the sources

    # The dashboard shows the lines with the rule set's source and the unverified mark.
    monkeypatch.setattr(clock, "today", lambda: day)
    sign_in(client, world.users["admin"])
    page = client.get(reverse("offices:dashboard")).content.decode()
    rules = rule_set_for_fiscal_year(view.fiscal_year)
    for reduction_id in ("service_manager_shortage", "info_not_reported"):
        reduction = rules.reduction(reduction_id)
        assert reduction.name in page and reduction.source.text in page
    assert "サービス管理責任者の欠如 4か月目" in page and "未確認" in page
    assert "処遇改善加算 区分Ⅱ" in page

    # Resolving the shortage last month ends its reduction.
    OfficeSituation.objects.for_office(office).filter(
        kind=SituationKind.SERVICE_MANAGER_SHORTAGE
    ).update(until=shift_month(this, -1))
    again = check_office(office, tmp_path, day)
    assert all(v.inputs.service_manager_shortage_month is None for v in again)


@pytest.mark.django_db
def test_company_coordination_counts_billable_users_in_their_first_year(
    world: World, tmp_path: Path
) -> None:
    """FY2023 (the FY2021 rule set): 企業連携等調整特別加算 for each billable user within the
    12 months from the month their service began; FY2024 has no such addition."""
    day = date(2023, 10, 15)
    this = month_of(day)
    office = world.office

    def person(name: str, start: date) -> None:
        p = Person.objects.create(
            office=office,
            display_name=name,
            disability_category="mental",
            came_from_service="transition",
            came_from_integral=True,
            plan_type="self_plan",
            service_start=start,
        )
        Employment.objects.create(
            office=office, person=p, employer_name="架空", hired_on=start - timedelta(days=200)
        )

    # Service ended in the rate's window, still employed: the rate and so the base are known.
    ended = Person.objects.create(
        office=office,
        display_name="終了",
        disability_category="mental",
        came_from_service="transition",
        came_from_integral=True,
        plan_type="self_plan",
        service_start=date(2019, 4, 1),
        service_end=date(2022, 3, 31),
    )
    Employment.objects.create(
        office=office, person=ended, employer_name="架空", hired_on=date(2018, 9, 1)
    )
    person("1か月目", this)
    person("12か月目", shift_month(this, -11) + timedelta(days=20))
    person("13か月目", shift_month(this, -12))
    person("未共有", shift_month(this, -2))
    share_reports(world, this, skip=("未共有",))

    views = check_office(office, tmp_path, day)
    first, second = views
    assert rule_set_for_fiscal_year(first.fiscal_year).id == "fy2021"
    assert first.inputs.company_coordination == 2  # 1か月目 and 12か月目 (未共有 not billed)
    assert first.base.units is not None
    items = {line.item: line for line in first.reward.lines}
    assert items["company_coordination"].count == 2
    assert second.inputs.company_coordination == 0


@pytest.mark.django_db
def test_situations_are_kept_by_the_admin_only_and_audited(world: World, client: Client) -> None:
    for role in ("service_manager", "support_worker", "auditor"):
        other = Client()
        sign_in(other, world.users[role])
        assert other.get(reverse("offices:situations")).status_code == 403
    sign_in(client, world.users["admin"])
    url = reverse("offices:situations")
    bad = client.post(
        url, {"kind": "info_not_reported", "since": "2025-06-10", "until": "2025-04-01"}
    )
    assert bad.status_code == 400 and not OfficeSituation.objects.for_office(world.office).exists()
    done = client.post(url, {"kind": "info_not_reported", "since": "2025-06-10", "note": "架空"})
    assert done.status_code == 302
    row = OfficeSituation.objects.for_office(world.office).get()
    assert row.since == date(2025, 6, 1) and row.until is None
    assert row.recorded_by == world.users["admin"]
    page = client.get(url).content.decode()
    assert "情報公表の未報告" in page and "継続中" in page
    edit = reverse("offices:situation_edit", args=[row.public_id])
    assert (
        client.post(
            edit, {"kind": "info_not_reported", "since": "2025-06-01", "until": "2025-08-31"}
        ).status_code
        == 302
    )
    row.refresh_from_db()
    assert row.until == date(2025, 8, 1)
    # The page asks for a month (a month picker sends 2025-09); the form shows it as a month.
    assert 'type="month" name="since" value="2025-06"' in client.get(edit).content.decode()
    moved = {"kind": "info_not_reported", "since": "2025-07", "until": "2025-09"}
    assert client.post(edit, moved).status_code == 302
    row.refresh_from_db()
    assert (row.since, row.until) == (date(2025, 7, 1), date(2025, 9, 1))
    delete = reverse("offices:situation_delete", args=[row.public_id])
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not OfficeSituation.objects.for_office(world.office).exists()
    logged = AuditEntry.objects.filter(object_type="office_situation").values_list(
        "action", flat=True
    )
    assert sorted(logged) == ["create", "delete", "update", "update"]
