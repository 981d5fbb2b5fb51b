"""A signed-in member asking for another office's rows leaves a `denied` trace in their own
office's log: without the other office's ids, and at most a few entries a minute."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from teichaku.web.offices.audit import DENIED_PER_MINUTE
from teichaku.web.offices.models import AuditEntry

from .conftest import World, sign_in


@pytest.mark.django_db
def test_a_cross_office_attempt_is_audited_in_the_askers_own_office(
    world: World, client: Client
) -> None:
    sign_in(client, world.outsider)  # 管理者 of office B
    mine_before = AuditEntry.objects.for_office(world.other).count()
    theirs_before = AuditEntry.objects.for_office(world.office).count()
    url = reverse("offices:person", kwargs={"person_id": world.person.public_id})
    assert client.get(url).status_code == 404
    new = AuditEntry.objects.for_office(world.other).order_by("-id")
    assert new.count() == mine_before + 1
    entry = new.first()
    assert entry is not None
    assert (entry.action, entry.object_type, entry.actor_name) == ("denied", "person", "b-admin")
    assert entry.detail == "offices:person" and entry.origin
    # Nothing of office A is written into B's log, and A's log is not touched.
    for value in (entry.object_id, entry.person_id, entry.detail):
        assert str(world.person.public_id) not in value
    assert AuditEntry.objects.for_office(world.office).count() == theirs_before


@pytest.mark.django_db
def test_a_scan_cannot_flood_the_log(world: World, client: Client) -> None:
    sign_in(client, world.users["support_worker"])
    for _ in range(DENIED_PER_MINUTE * 3):
        url = reverse("offices:report", kwargs={"report_id": uuid.uuid4()})
        assert client.get(url).status_code == 404
    denied = AuditEntry.objects.for_office(world.office).filter(action="denied")
    assert denied.count() == DENIED_PER_MINUTE


@pytest.mark.django_db
def test_own_rows_are_not_denied(world: World, client: Client) -> None:
    sign_in(client, world.users["support_worker"])
    url = reverse("offices:person", kwargs={"person_id": world.person.public_id})
    assert client.get(url).status_code == 200
    assert not AuditEntry.objects.filter(action="denied").exists()
