"""The 実績記録票 and the report PDF through the office's URLs: months that are not one, the
audit entries of the files, and the CSV's rows equal to the month's contacts."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from teichaku.cells import read_csv_cell
from teichaku.web.offices.models import AuditEntry, Channel, Contact

from .conftest import World, sign_in

pytestmark = pytest.mark.django_db


def sheet_url(w: World, name: str, year: int, month: int) -> str:
    kwargs = {"person_id": w.person.public_id, "year": year, "month": month}
    return reverse(f"offices:{name}", kwargs=kwargs)


@pytest.mark.parametrize("year, month", [(2025, 13), (2025, 0), (24, 4), (2999, 1)])
def test_a_month_that_is_not_one_or_out_of_range_is_404(
    world: World, client: Client, year: int, month: int
) -> None:
    sign_in(client, world.users["service_manager"])
    for name in ("service_record", "service_record_csv", "service_record_pdf"):
        assert client.get(sheet_url(world, name, year, month)).status_code == 404, name


def test_the_csv_has_a_row_per_contact_of_the_month_and_is_audited_as_export(
    world: World, client: Client
) -> None:
    start = world.person.service_start
    assert start is not None
    phone = Channel.objects.for_office(world.office).get(key="phone")
    for day, whom in (
        (start + timedelta(days=9), "employer"),
        (start - timedelta(days=1), "person"),
    ):
        Contact.objects.create(
            office=world.office,
            person=world.person,
            day=day,
            channel=phone,
            with_whom=whom,
            notes="=内部のメモ",
            staff=world.users["admin"],
        )
    month_contacts = Contact.objects.for_office(world.office).filter(
        person=world.person, day__year=start.year, day__month=start.month
    )
    sign_in(client, world.users["admin"])
    before = AuditEntry.objects.filter(action="export", object_type="service_record").count()
    response = client.get(sheet_url(world, "service_record_csv", start.year, start.month))
    assert response.status_code == 200
    assert str(world.person.public_id) in response["Content-Disposition"]
    assert world.person.display_name not in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = [[read_csv_cell(c) for c in row] for row in csv.reader(io.StringIO(text))]
    assert len(rows) - 1 == month_contacts.count() == 2
    assert sorted(r[5] for r in rows[1:]) == sorted(c.day.isoformat() for c in month_contacts)
    assert "内部のメモ" not in text
    after = AuditEntry.objects.filter(action="export", object_type="service_record").count()
    assert after == before + 1
