"""One clock for the office app: freezing `clock.today` moves form defaults, form checks and
the dashboard together."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from teichaku.web.offices import clock

from .conftest import World, sign_in

FROZEN = date(2026, 2, 10)


@pytest.mark.django_db
def test_freezing_the_clock_in_one_place_moves_forms_and_dashboard(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: FROZEN)
    sign_in(client, world.users["admin"])
    person = {"person_id": world.person.public_id}
    for name in ("contact_new", "meeting_new", "disclosure_new"):
        form = client.get(reverse(f"offices:{name}", kwargs=person)).content.decode()
        assert 'value="2026-02-10"' in form, name
    dashboard = client.get(reverse("offices:dashboard")).content.decode()
    assert "2026-02-10(令和8年2月10日)" in dashboard
    contacts = client.get(reverse("offices:contacts")).content.decode()
    assert "2026年2月" in contacts or "2026-02" in contacts
    tomorrow = {"day": "2026-02-11", "channel": "", "with_whom": "person"}
    refused = client.post(reverse("offices:meeting_new", kwargs=person), tomorrow)
    assert refused.status_code == 400 and "未来の日付は記録できません" in refused.content.decode()
