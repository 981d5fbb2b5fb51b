"""The Django shell's foundation: settings from the environment, headers, login, roles."""

from __future__ import annotations

import pytest
from django.test import Client

from teichaku.web.accounts.permissions import Action, may
from teichaku.web.security import CONTENT_SECURITY_POLICY


@pytest.mark.django_db
def test_login_page_is_japanese_and_carries_security_headers(client: Client) -> None:
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "ログイン" in response.content.decode()
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "no-store" in response.headers["Cache-Control"]
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_english_is_available_beside_japanese(client: Client) -> None:
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Log in" in response.content.decode()


@pytest.mark.django_db
def test_home_requires_login(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")


def test_role_table() -> None:
    assert may("owner", Action.MANAGE)
    assert may("analyst", Action.IMPORT) and not may("analyst", Action.MANAGE)
    assert may("viewer", Action.VIEW) and not may("viewer", Action.IMPORT)
    assert not may("stranger", Action.VIEW)


@pytest.mark.django_db
def test_home_shows_each_area_the_user_belongs_to(client: Client) -> None:
    from django.contrib.auth import get_user_model

    from teichaku.web.accounts.models import Membership, Team
    from teichaku.web.offices import actions

    users = get_user_model().objects
    researcher = users.create_user("researcher")
    Membership.objects.create(team=Team.objects.create(name="研究班"), user=researcher)
    client.force_login(researcher)
    page = client.get("/").content.decode()
    assert "/desk/" in page and "/coding/" in page and "/office/" not in page

    office_admin = users.create_user("office-admin")
    actions.create_office("架空事業所", "9900000001", "その他", office_admin)
    client.force_login(office_admin)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/office/"

    nobody = users.create_user("nobody")
    client.force_login(nobody)
    assert "どのチームにも事業所にも属していません" in client.get("/").content.decode()
