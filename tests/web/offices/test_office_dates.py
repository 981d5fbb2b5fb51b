"""A typo in a date must not take the office down: out-of-range dates are refused by the forms
(field named, in Japanese), and a bad date already stored shows the person with a warning."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from teichaku.web.offices.models import Employment, Person

from .conftest import World, sign_in

BAD_DAYS = ["0024-04-01", "0001-01-01", "9999-12-31"]


def person_post(service_start: str, **extra: str) -> dict[str, str]:
    return {
        "display_name": "架空 誤子",
        "name_kana": "かくう ごこ",
        "disability_category": "mental",
        "came_from_service": "transition",
        "plan_type": "self_plan",
        "service_start": service_start,
        **extra,
    }


def pages_answer(client: Client, world: World) -> None:
    for person in Person.objects.for_office(world.office):
        url = reverse("offices:person", kwargs={"person_id": person.public_id})
        assert client.get(url).status_code == 200, url
    for name in ("offices:dashboard", "offices:people", "offices:contacts", "offices:records"):
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.django_db
@pytest.mark.parametrize("bad", BAD_DAYS)
def test_a_typo_in_a_date_is_refused_and_the_office_keeps_working(
    world: World, client: Client, bad: str
) -> None:
    sign_in(client, world.users["admin"])
    before = Person.objects.for_office(world.office).count()
    answer = client.post(reverse("offices:person_new"), person_post(bad))
    text = answer.content.decode()
    assert answer.status_code == 400
    assert "利用開始日" in text and "1989-01-08" in text
    assert Person.objects.for_office(world.office).count() == before
    url = reverse("offices:employment_new", kwargs={"person_id": world.person.public_id})
    answer = client.post(url, {"employer_name": "架空商事", "hired_on": bad})
    assert answer.status_code == 400 and "就職日" in answer.content.decode()
    assert Employment.objects.for_office(world.office).filter(person=world.person).count() == 1
    pages_answer(client, world)


@pytest.mark.django_db
def test_a_date_ten_years_ahead_is_refused_but_a_planned_end_is_not(
    world: World, client: Client
) -> None:
    sign_in(client, world.users["admin"])
    far = (date.today() + timedelta(days=11 * 366)).isoformat()
    answer = client.post(reverse("offices:person_new"), person_post("2024-04-01", service_end=far))
    assert answer.status_code == 400 and "利用終了日" in answer.content.decode()
    planned = date(2027, 3, 31).isoformat()
    answer = client.post(
        reverse("offices:person_new"), person_post("2024-04-01", service_end=planned)
    )
    assert answer.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("bad", [date(24, 4, 1), date(1, 1, 1), date(9999, 12, 31)])
def test_a_bad_date_already_stored_shows_the_person_with_a_warning(
    world: World, client: Client, bad: date
) -> None:
    Person.objects.for_office(world.office).filter(pk=world.person.pk).update(service_start=bad)
    Employment.objects.for_office(world.office).filter(pk=world.employment.pk).update(hired_on=bad)
    sign_in(client, world.users["admin"])
    pages_answer(client, world)
    url = reverse("offices:person", kwargs={"person_id": world.person.public_id})
    text = client.get(url).content.decode()
    assert "日付を確認してください" in text and bad.isoformat() in text
    dashboard = client.get(reverse("offices:dashboard")).content.decode()
    assert "日付を確認してください" in dashboard and world.person.display_name in dashboard
