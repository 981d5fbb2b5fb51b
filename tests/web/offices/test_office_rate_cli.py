"""The dashboard's 就労定着率 and reward equal `teichaku retention rate/reward` on the same
people: the office's people are exported as the CLI's RECORDS file and the CLI is run."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from teichaku.practice.months import fiscal_year_of
from teichaku.web.offices import services
from teichaku.web.offices.demo import seed_demo_office
from teichaku.web.offices.models import Employment, Office, Person

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


def check_office(office: Office, tmp_path: Path) -> int:
    today = date.today()
    export = services.records_csv(office)
    assert export.without_jobs == ()
    records = tmp_path / "records.csv"
    records.write_text(export.text, encoding="utf-8")
    checked = 0
    for view in services.this_and_next(office, today):
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
            "--users",
            users,
            "--initial",
            str(view.initial),
            "--area",
            office.area_grade,
        )
        assert reward["total_units"] == view.reward.total_units
        assert reward["yen"] == view.reward.yen
        lines = reward["lines"]
        assert isinstance(lines, list)
        assert [(line["item"], line["units"]) for line in lines] == [
            (line.item, line.units) for line in view.reward.lines
        ]
        checked += 1
    return checked


@pytest.mark.django_db
def test_dashboard_rate_and_reward_equal_the_cli(
    world: World, client: Client, tmp_path: Path
) -> None:
    add_varied_people(world)
    assert check_office(world.office, tmp_path) == 2
    views = services.this_and_next(world.office, date.today())
    # The varied people give a rate that is neither empty nor all-or-nothing.
    assert 0 < views[0].rate.numerator < views[0].rate.denominator
    # ... and the dashboard page shows those very numbers.
    sign_in(client, world.users["service_manager"])
    page = client.get(reverse("offices:dashboard")).content.decode()
    for view in views:
        assert f"{view.rate.numerator} / {view.rate.denominator}" in page
        if view.reward.total_units is not None:
            assert f"{view.reward.total_units}単位" in page


@pytest.mark.django_db
def test_the_demo_office_also_equals_the_cli(tmp_path: Path) -> None:
    list(seed_demo_office())
    office = Office.objects.order_by("-id").first()
    assert office is not None
    assert check_office(office, tmp_path) == 2
    assert (
        fiscal_year_of(date.today()) == services.this_and_next(office, date.today())[0].fiscal_year
    )


@pytest.mark.django_db
def test_the_records_export_is_ids_and_dates_only(world: World, client: Client) -> None:
    sign_in(client, world.users["admin"])
    response = client.get(reverse("offices:records"))
    text = response.content.decode()
    assert text.splitlines()[0] == "person_id,service_start,service_end,hired_on,left_on"
    assert str(world.person.public_id) in text
    assert world.person.display_name not in text
