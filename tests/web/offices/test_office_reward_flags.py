"""Issue 12, item 5 on the office's side: the per-person reward inputs (特別地域に居住,
要継続支援, 上限額管理) are edited on the person form, shown on the person's page, written to the
exported RECORDS, and a month without a shared 支援レポート takes the person out of the
dashboard's users of the month (rule sets fy2021/fy2024 `base.shared_report`)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from teichaku.practice.months import month_of
from teichaku.retention.records import parse_records
from teichaku.web.offices import services
from teichaku.web.offices.models import Person, ReportShare

from .conftest import World, sign_in


def person_post(**extra: str) -> dict[str, str]:
    return {
        "display_name": "架空 旗子",
        "name_kana": "かくう はたこ",
        "disability_category": "mental",
        "came_from_service": "transition",
        "plan_type": "self_plan",
        "service_start": "2025-04-01",
        **extra,
    }


@pytest.mark.django_db
def test_person_reward_flags_edited_shown_and_exported(world: World, client: Client) -> None:
    sign_in(client, world.users["service_manager"])
    answer = client.post(
        reverse("offices:person_new"),
        person_post(special_area_resident="on", copay_cap_managed="on"),
    )
    assert answer.status_code == 302
    person = Person.objects.for_office(world.office).get(display_name="架空 旗子")
    assert person.special_area_resident and person.copay_cap_managed
    assert not person.continued_support  # the box was left unticked
    page = client.get(reverse("offices:person", kwargs={"person_id": person.public_id}))
    text = page.content.decode()
    assert "特別地域に居住" in text and "当事業所が上限額管理" in text
    assert "終了後の支援は不要の見込み" in text
    records = client.get(reverse("offices:records")).content.decode()
    flags = parse_records(records).flags[str(person.public_id)]
    assert flags.special_area and flags.copay_cap and not flags.continued_support


@pytest.mark.django_db
def test_a_month_without_a_shared_report_leaves_the_dashboards_users(
    world: World, client: Client
) -> None:
    today = date.today()
    this = month_of(today)
    before = services.this_and_next(world.office, today)[0]
    person_id = str(world.person.public_id)
    in_service = before.inputs.month
    assert in_service is not None and person_id in in_service.in_service
    shared = person_id in in_service.billable
    # Whatever the fixture shared, removing this month's shares takes the person out.
    ReportShare.objects.for_office(world.office).filter(
        report__person=world.person, report__month=this
    ).delete()
    after = services.this_and_next(world.office, today)[0]
    assert after.inputs.month is not None
    assert person_id in after.inputs.month.without_report
    assert after.users == before.users - (1 if shared else 0)
    sign_in(client, world.users["admin"])
    page = client.get(reverse("offices:dashboard")).content.decode()
    assert "支援レポート未共有のため算定しない" in page
    records = parse_records(client.get(reverse("offices:records")).content.decode())
    assert this in records.flags[person_id].months_without_report
