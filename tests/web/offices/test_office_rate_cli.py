"""The dashboard's 就労定着率 and reward equal `teichaku retention rate/reward` on the same
people: the office's people are exported as the CLI's RECORDS file and the CLI is run."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from teichaku.practice.months import fiscal_year_of, month_end, month_of, shift_month
from teichaku.practice.reward_inputs import EndFacts, RewardInputs, sharing_due
from teichaku.web.offices import services
from teichaku.web.offices.demo import seed_demo_office
from teichaku.web.offices.models import (
    Consent,
    Disclosure,
    Employment,
    Meeting,
    MonthlyReport,
    Office,
    Person,
    ReportShare,
    StaffMembership,
)
from teichaku.web.offices.services import RateView

from .conftest import World, sign_in


def cli(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "teichaku.cli", "retention", *args, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def add_varied_people(world: World) -> None:
    """People whose outcomes differ: retained, left, re-employed in time and too late, unknown."""
    office = world.office
    today = date.today()

    def person(name: str, start: date, end: date | None, *jobs: tuple[date, date | None]) -> None:
        p = Person.objects.create(
            office=office,
            display_name=name,
            disability_category="mental",
            came_from_service="transition",
            came_from_integral=name.endswith("外"),
            plan_type="self_plan",
            service_start=start,
            service_end=end,
        )
        for hired, left in jobs:
            Employment.objects.create(
                office=office, person=p, employer_name="架空", hired_on=hired, left_on=left
            )

    y = today.year
    person("継続", date(y - 2, 4, 1), None, (date(y - 3, 9, 1), None))
    person("離職", date(y - 2, 6, 1), None, (date(y - 3, 11, 1), date(y - 1, 8, 31)))
    person(
        "転職",
        date(y - 3, 5, 1),
        date(y - 1, 1, 31),
        (date(y - 4, 10, 1), date(y - 2, 6, 30)),
        (date(y - 2, 7, 20), None),
    )
    person(
        "遅い再就職",
        date(y - 3, 5, 1),
        None,
        (date(y - 4, 10, 1), date(y - 2, 6, 30)),
        (date(y - 2, 9, 20), None),
    )
    person("古い終了外", date(y - 8, 5, 1), date(y - 6, 1, 31), (date(y - 9, 10, 1), None))
    person("今月から外", today.replace(day=1), None, (today - timedelta(days=200), None))
    # In service with no employment recorded: a RECORDS row with hired_on = なし.
    Person.objects.create(
        office=office,
        display_name="雇用未記録",
        disability_category="mental",
        came_from_service="transition",
        came_from_integral=True,
        plan_type="self_plan",
        service_start=date(y - 1, 6, 1),
    )
    unknown = Person.objects.create(
        office=office,
        display_name="不明",
        disability_category="mental",
        came_from_service="transition",
        plan_type="self_plan",
        service_start=date(y - 2, 4, 1),
    )
    Employment.objects.create(
        office=office,
        person=unknown,
        employer_name="架空",
        hired_on=date(y - 3, 9, 1),
        end_unknown=True,
    )


def input_flags(inputs: RewardInputs) -> list[str]:
    """The CLI options for a month whose meeting claims the CLI can express as counts (each
    for a different person, none earlier this year); the other inputs map one to one. The
    users, special area and co-payment cap are counted by the CLI from the records (--month)."""
    people = [claim.person_id for claim in inputs.meetings]
    assert len(people) == len(set(people)) and all(
        claim.earlier_this_year == 0 for claim in inputs.meetings
    ), "these meetings need per-person claims: give the flags by hand"
    kinds = [claim.addition_id for claim in inputs.meetings]
    flags = ["--initial", str(inputs.initial)]
    flags += ["--meetings-i", str(kinds.count("meeting_1"))]
    flags += ["--meetings-ii", str(kinds.count("meeting_2"))]
    if inputs.job_coach:
        flags.append("--job-coach")
    if inputs.retention_record:
        flags.append("--retention-record")
    if inputs.support_system_not_built:
        flags.append("--support-system-not-built")
    if inputs.staffing_shortage_month is not None:
        flags += ["--staffing-shortage-month", str(inputs.staffing_shortage_month)]
        if inputs.staffing_shortage_size is not None:
            flags += ["--staffing-shortage-size", inputs.staffing_shortage_size]
    if inputs.service_manager_shortage_month is not None:
        flags += ["--service-manager-shortage-month", str(inputs.service_manager_shortage_month)]
    if inputs.info_not_reported:
        flags.append("--info-not-reported")
    if inputs.abuse_prevention_missing:
        flags.append("--abuse-prevention-missing")
    if inputs.treatment_improvement is not None:
        flags += ["--treatment-improvement", inputs.treatment_improvement]
    if inputs.company_coordination:
        flags += ["--company-coordination", str(inputs.company_coordination)]
    return flags


def check_office(
    office: Office,
    tmp_path: Path,
    day: date | None = None,
    flags: Callable[[RateView], list[str]] = lambda view: input_flags(view.inputs),
) -> list[RateView]:
    """Rate and full reward of the dashboard (services) against the CLI, for both years."""
    day = day or date.today()
    export = services.records_csv(office, day)
    jobless = {p.person_id for p in services.rate_people(office, day) if not p.employments}
    assert set(export.without_jobs) == jobless
    records = tmp_path / "records.csv"
    records.write_text(export.text, encoding="utf-8")
    views = services.this_and_next(office, day)
    for view in views:
        fy = str(view.fiscal_year)
        users = str(view.users)
        rate = cli("rate", str(records), "--fiscal-year", fy, "--users", users)
        assert rate["numerator"] == view.rate.numerator
        assert rate["denominator"] == view.rate.denominator
        assert rate["undetermined"] == view.rate.undetermined
        exact = rate["rate_exact"]
        assert (None if exact is None else Fraction(str(exact))) == view.rate.rate
        assert rate["base_units"] == view.base.units
        assert rate["band"] == view.base.band
        people = rate["people"]
        assert isinstance(people, list)
        assert {p["person_id"]: p["code"] for p in people} == {
            o.person_id: o.code.value for o in view.rate.people
        }
        reward = cli(
            "reward",
            "--records",
            str(records),
            "--fiscal-year",
            fy,
            "--month",
            f"{day:%Y-%m}",
            "--area",
            office.area_grade,
            *flags(view),
        )
        assert reward["users"] == view.users
        assert reward["total_units"] == view.reward.total_units
        assert reward["yen"] == view.reward.yen
        lines = reward["lines"]
        assert isinstance(lines, list)
        assert [(line["item"], line["count"], line["units"]) for line in lines] == [
            (line.item, line.count, line.units) for line in view.reward.lines
        ]
    return views


def share_reports(world: World, month: date, *, skip: tuple[str, ...] = ()) -> None:
    """The month's 支援レポート of everyone in service, shared with the person (but `skip`)."""
    staff = world.users["service_manager"]
    for person in Person.objects.for_office(world.office).filter(
        service_start__lte=month_end(month)
    ):
        if person.display_name in skip or (person.service_end and person.service_end < month):
            continue
        report = MonthlyReport.objects.for_office(world.office).filter(person=person, month=month)
        report = report.first() or MonthlyReport.objects.create(
            office=world.office, person=person, month=month, support="架空の報告", created_by=staff
        )
        ReportShare.objects.create(
            office=world.office,
            report=report,
            recipient_kind="person",
            recipient_name="本人",
            shared_on=month_end(month),
            method="hand",
            recorded_by=staff,
        )


def add_reward_records(world: World, day: date) -> str:
    """Meetings (some over the caps), a job-coach-trained worker, people living in a special
    area and one whose cap the office manages, the retention-record addition, a staffing
    shortage in its 2nd month, and a person whose end-of-service sharing was due and is not
    recorded. Returns that person's id."""
    office = world.office
    office.retention_record = True
    office.staffing_shortage_since = shift_month(month_of(day), -1) + timedelta(days=9)
    office.handover_policy = "架空の方針"
    office.handover_lead = world.users["service_manager"]
    office.save()
    StaffMembership.objects.filter(office=office, user=world.users["support_worker"]).update(
        job_coach_trained=True
    )
    by_name = {p.display_name: p for p in Person.objects.for_office(office)}
    Person.objects.for_office(office).filter(display_name__in=["継続", "離職"]).update(
        special_area_resident=True
    )
    Person.objects.for_office(office).filter(display_name="遅い再就職").update(
        copay_cap_managed=True
    )
    staff = world.users["service_manager"]

    def meeting(name: str, month: date, kind: str) -> None:
        Meeting.objects.create(
            office=office,
            person=by_name[name],
            day=month + timedelta(days=4),
            kind=kind,
            attendees="架空",
            recorded_by=staff,
        )

    this, year = month_of(day), date(fiscal_year_of(day), 4, 1)
    # 継続: (I) and (II) this month: one a month, the core keeps (I).
    meeting("継続", this, "meeting_1")
    meeting("継続", this, "meeting_2")
    # 離職: four earlier this year: this month's (II) is over the yearly cap.
    for n in range(4):
        meeting("離職", shift_month(year, n), "meeting_1")
    meeting("離職", this, "meeting_2")
    # 遅い再就職: two in April count once, so three so far: this month's (I) still counts.
    meeting("遅い再就職", year, "meeting_1")
    meeting("遅い再就職", year, "meeting_2")
    meeting("遅い再就職", shift_month(year, 1), "meeting_1")
    meeting("遅い再就職", shift_month(year, 2), "meeting_1")
    meeting("遅い再就職", this, "meeting_1")
    ending = Person.objects.create(
        office=office,
        display_name="終了間近",
        disability_category="mental",
        came_from_service="transition",
        came_from_integral=True,
        plan_type="self_plan",
        service_start=shift_month(this, -34),
    )
    Employment.objects.create(
        office=office,
        person=ending,
        employer_name="架空",
        hired_on=shift_month(this, -41),
    )
    return str(ending.public_id)


@pytest.mark.django_db
def test_the_full_reward_from_office_records_equals_the_cli(world: World, tmp_path: Path) -> None:
    """Meetings, job coach, special area and both reductions, in January of this fiscal year
    (so that four earlier months exist). The CLI flags are written from the scenario."""
    add_varied_people(world)
    # Without the undetermined people the rate has one band, so the base and the reductions
    # are known.
    Person.objects.for_office(world.office).filter(display_name__in=["不明", "雇用未記録"]).delete()
    day = date(fiscal_year_of(date.today()) + 1, 1, 15)
    ending = add_reward_records(world, day)

    # Everyone's report of the month is shared but 離職's: 離職 is not billed this month.
    share_reports(world, month_of(day), skip=("離職",))

    def by_hand(view: RateView) -> list[str]:
        return [
            *("--initial", str(view.initial)),
            *("--meetings-i", "2"),  # 継続's (I) and 遅い再就職's (I); the rest are capped
            "--job-coach",
            "--retention-record",
            "--support-system-not-built",
            *("--staffing-shortage-month", "2"),
        ]

    views = check_office(world.office, tmp_path, day, by_hand)
    for view in views:
        inputs = view.inputs
        assert inputs.support is not None and ending in inputs.support.missing_sharing
        assert len(inputs.meetings) == 4  # every claim is fed to the core, which caps them
        items = {line.item: line for line in view.reward.lines}
        assert items["meeting_1"].count == 2 and "meeting_2" not in items
        assert items["job_coach"].count == view.users
        month = inputs.month
        assert month is not None and len(month.without_report) == 1
        assert view.users == len(month.in_service) - 1
        # 特別地域加算 per person: 継続 only (離職 lives there too but is not billed).
        if view.base.units is not None:
            assert items["special_area"].count == 1
            assert items["copay_cap"].count == 1
            assert items["retention_record"].count == view.users
        assert inputs.support_system_not_built and inputs.staffing_shortage_month == 2
        if view.base.units is not None:  # reductions apply to a known base only
            assert {"support_system", "staffing_shortage"} <= set(items)
        assert any("上限" in note for note in view.reward.notes)
    assert any(view.base.units is not None for view in views)
    # Recording each missing sharing in time lifts the reduction (policy and lead are set).
    support = views[0].inputs.support
    assert support is not None
    for pid in support.missing_sharing:
        person = Person.objects.for_office(world.office).get(public_id=pid)
        due = sharing_due(EndFacts(pid, person.service_start, person.service_end))
        consent = Consent.objects.create(
            office=world.office,
            person=person,
            purpose="終了前の共有",
            recipient="架空センター",
            categories=["employment"],
            given_on=due - timedelta(days=30),
            recorded_by=world.users["admin"],
        )
        Disclosure.objects.create(
            office=world.office,
            person=person,
            consent=consent,
            kind="end_of_service",
            recipient="架空センター",
            categories=["employment"],
            disclosed_on=due,
            recorded_by=world.users["admin"],
        )
    after = services.this_and_next(world.office, day)
    assert all(not v.inputs.support_system_not_built for v in after)
    assert all("support_system" not in {line.item for line in v.reward.lines} for v in after)


@pytest.mark.django_db
def test_the_demo_office_also_equals_the_cli(tmp_path: Path) -> None:
    list(seed_demo_office())
    office = Office.objects.order_by("-id").first()
    assert office is not None
    views = check_office(office, tmp_path)
    assert any(view.inputs.meetings for view in views)
    # The demo's 3-year end is near with no sharing recorded: the reduction applies.
    assert all(view.inputs.job_coach and view.inputs.support_system_not_built for view in views)
    assert (
        fiscal_year_of(date.today()) == services.this_and_next(office, date.today())[0].fiscal_year
    )


@pytest.mark.django_db
def test_the_records_export_is_ids_and_dates_only(world: World, client: Client) -> None:
    sign_in(client, world.users["admin"])
    response = client.get(reverse("offices:records"))
    text = response.content.decode()
    assert text.splitlines()[0] == (
        "person_id,service_start,service_end,hired_on,left_on,"
        "special_area,continued_support,copay_cap,months_without_report"
    )
    assert str(world.person.public_id) in text
    assert world.person.display_name not in text
