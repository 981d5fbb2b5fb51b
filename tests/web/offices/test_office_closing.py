"""Closing an office from the operator pages: the archive first, the office number typed, every
office-owned row deleted in one go, the audit log and the closing's own entry kept, another
office untouched, the closed office no longer chosen or entered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from teichaku.web.jobs.models import Job
from teichaku.web.offices.archive import TABLES
from teichaku.web.offices.context import SESSION_OFFICE
from teichaku.web.offices.models import AuditEntry, Office, StaffMembership

from .conftest import World, fill_every_table, sign_in

pytestmark = pytest.mark.django_db


def counts(office: Office) -> dict[str, int]:
    """Rows per table of the office, counted in SQL apart from the code under test."""
    found = {}
    for table in TABLES:
        name = connection.ops.quote_name(table.model._meta.db_table)
        column = "id" if table.model is Office else "office_id"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {name} WHERE {column} = %s", [office.pk])
            found[table.name] = int(cursor.fetchone()[0])
    return found


@pytest.fixture
def operator() -> Client:
    user = get_user_model().objects.create_user("op", "op@example.org", is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def close_url(office: Office) -> str:
    return f"/operator/offices/{office.public_id}/close/"


def take_archive(operator: Client, office: Office, capture: Callable[..., Any]) -> None:
    with capture(execute=True):
        started = operator.post(close_url(office), {"step": "archive"})
    assert started.status_code == 302
    assert operator.get(f"{started['Location']}file").status_code == 200


def test_closing_deletes_every_office_owned_row_and_keeps_the_audit_log(
    world: World, operator: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    StaffMembership.objects.create(user=world.users["auditor"], office=world.other, role="auditor")
    fill_every_table(world)
    before, other_before = counts(world.office), counts(world.other)
    assert all(before.values()), before
    assert operator.get(close_url(world.office)).status_code == 200
    # refused before the archive is taken
    refused = operator.post(close_url(world.office), {"number": world.office.number})
    assert refused.status_code == 400 and "ダウンロード" in refused.content.decode()
    take_archive(operator, world.office, django_capture_on_commit_callbacks)
    audit_before = counts(world.office)["audit_log"]  # with the archive's export entry
    # refused when the typed number is not the office's
    wrong = operator.post(close_url(world.office), {"number": world.other.number})
    assert wrong.status_code == 400 and "一致しません" in wrong.content.decode()
    assert counts(world.office)["people"] == before["people"]
    closed = operator.post(close_url(world.office), {"number": world.office.number})
    assert closed.status_code == 302
    after = counts(world.office)
    for table in TABLES:
        if table.name == "audit_log":
            assert after[table.name] == audit_before + 1  # the closing's own entry
        elif table.name == "office":
            assert after[table.name] == 1
        else:
            assert after[table.name] == 0, table.name
    assert counts(world.other) == other_before
    entry = AuditEntry.objects.for_office(world.office).filter(action="close").get()
    assert entry.actor_name == "op" and entry.role == "operator"
    deleted = {change["field"]: int(change["before"]) for change in entry.changes}
    expected = {t.name: before[t.name] for t in TABLES if t.name not in ("office", "audit_log")}
    assert deleted == expected
    office = Office.objects.get(pk=world.office.pk)
    assert office.closed_at is not None
    # the closed office's page is gone for the operator too
    assert operator.get(close_url(world.office)).status_code == 404
    # staff accounts are kept; no office page of the closed office opens any more
    users = get_user_model().objects
    assert all(users.filter(pk=user.pk).exists() for user in world.users.values())
    admin = sign_in(Client(), world.users["admin"])
    assert admin.get("/office/").status_code == 403
    assert admin.get("/office/people/").status_code == 403
    # a member of another office too is sent there, even with the closed office chosen
    auditor = sign_in(Client(), world.users["auditor"])
    session = auditor.session
    session[SESSION_OFFICE] = str(world.office.public_id)
    session.save()
    page = auditor.get("/office/")
    assert page.status_code == 200 and world.other.name in page.content.decode()
    assert world.office.name not in auditor.get("/office/select/").content.decode()


def test_only_the_operator_reaches_the_closing_page(world: World) -> None:
    for user in (world.users["admin"], world.outsider):
        client = sign_in(Client(), user)
        assert client.get(close_url(world.office)).status_code == 404
        response = client.post(close_url(world.office), {"number": world.office.number})
        assert response.status_code == 404
    assert Client().get(close_url(world.office)).status_code == 404
    assert counts(world.office)["people"] == 1
    assert not Job.objects.exists()


def test_a_staff_archive_of_a_closed_office_goes_with_it(
    world: World, operator: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    admin = sign_in(Client(), world.users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post("/office/archive/").status_code == 302
    take_archive(operator, world.office, django_capture_on_commit_callbacks)
    assert Job.objects.count() == 2
    operator.post(close_url(world.office), {"number": world.office.number})
    assert list(Job.objects.values_list("owner__username", flat=True)) == ["op"]
