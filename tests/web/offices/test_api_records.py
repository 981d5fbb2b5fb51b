"""``/api/v1/offices/<office id>/records``: only an ``offices:export`` token of a role that
may export, each download audited; the scope is refused at creation to other roles."""

from __future__ import annotations

import pytest
from django.test import Client

from teichaku.web.api.tokens import TokenError, create_token
from teichaku.web.offices.models import AuditEntry
from teichaku.web.offices.services import records_csv

from .conftest import World, sign_in


def test_an_export_token_gets_records_csv_audited(world: World) -> None:
    user = world.users["service_manager"]
    _row, token = create_token(user, "offices:export")
    before = AuditEntry.objects.filter(office=world.office, action="export").count()
    response = Client().get(
        f"/api/v1/offices/{world.office.public_id}/records", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200
    assert response.content.decode() == records_csv(world.office).text
    entries = AuditEntry.objects.filter(office=world.office, action="export")
    assert entries.count() == before + 1
    entry = entries.order_by("-pk").first()
    assert entry is not None and entry.actor_id == user.pk and entry.object_type == "records"
    assert token not in entry.detail


def test_another_office_is_404(world: World) -> None:
    _row, token = create_token(world.users["admin"], "offices:export")
    response = Client().get(
        f"/api/v1/offices/{world.other.public_id}/records", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(office=world.other, action="export").exists()


@pytest.mark.parametrize("role", ["support_worker", "auditor"])
def test_roles_that_may_not_export_get_no_export_token(world: World, role: str) -> None:
    with pytest.raises(TokenError, match="書き出しのできる役割"):
        create_token(world.users[role], "offices:export")


def test_a_read_token_cannot_export(world: World) -> None:
    _row, token = create_token(world.users["admin"], "surveys:read")
    response = Client().get(
        f"/api/v1/offices/{world.office.public_id}/records", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "このトークンの範囲では利用できません"}


def test_a_role_that_lost_export_gets_403(world: World) -> None:
    user = world.users["service_manager"]
    _row, token = create_token(user, "offices:export")
    world.office.memberships.filter(user=user).update(role="support_worker")
    response = Client().get(
        f"/api/v1/offices/{world.office.public_id}/records", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 403


def test_an_admin_creates_an_export_token_only_after_totp(world: World) -> None:
    admin = world.users["admin"]
    plain = Client()
    plain.force_login(admin)
    refused = plain.post("/accounts/api-tokens/", {"scope": "offices:export"})
    assert refused.status_code == 400 and "2段階認証" in refused.content.decode()
    created = sign_in(Client(), admin).post("/accounts/api-tokens/", {"scope": "offices:export"})
    assert created.status_code == 200 and 'id="new-token"' in created.content.decode()
