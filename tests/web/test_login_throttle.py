"""Password spraying: many user names with a few passwords each, from one address."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

PASSWORD = "Right-pass-1"
SPRAY = ["123456", "password", "qwerty", "teichaku2024"]


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    """Many accounts are made here; Argon2 stays the product's hasher (tested elsewhere)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _users(count: int) -> list[str]:
    users = get_user_model().objects
    names = [f"staff{i:02d}" for i in range(count)]
    for name in names:
        users.create_user(username=name, password=PASSWORD)
    return names


def _login(client: Client, name: str, password: str) -> int:
    return client.post("/accounts/login/", {"login": name, "password": password}).status_code


@pytest.mark.django_db
def test_spraying_user_names_from_one_address_is_stopped(client: Client) -> None:
    names = _users(15)
    users = get_user_model().objects
    users.create_user(username="bystander", password=PASSWORD)
    statuses = [_login(client, name, pw) for name in names for pw in SPRAY]
    assert len(statuses) == 60
    assert statuses[0] == 200  # the form again, with its error
    assert statuses[-1] == 429  # refused long before the end
    # The 61st attempt, with another user's correct password, is refused too, in Japanese.
    refused = client.post("/accounts/login/", {"login": "bystander", "password": PASSWORD})
    assert refused.status_code == 429
    assert "ログインを一時停止しています" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert _login(elsewhere, "bystander", PASSWORD) == 302


@pytest.mark.django_db
def test_signing_in_to_an_own_account_does_not_clear_the_address_count(client: Client) -> None:
    names = _users(settings.AXES_ADDRESS_FAILURE_LIMIT)
    get_user_model().objects.create_user(username="attacker", password=PASSWORD)
    for name in names[:-1]:
        assert _login(client, name, "wrong") == 200
    assert _login(client, "attacker", PASSWORD) == 302  # one under the limit: still allowed
    client.logout()
    # the failure that reaches the limit is answered with the lockout page already
    assert _login(client, names[-1], "wrong") == 429
    assert _login(client, "attacker", PASSWORD) == 429


@pytest.mark.django_db
def test_the_lockout_page_speaks_english_second(client: Client) -> None:
    names = _users(settings.AXES_ADDRESS_FAILURE_LIMIT)
    for name in names:
        _login(client, name, "wrong")
    response = client.post(
        "/accounts/login/",
        {"login": names[0], "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 429
    assert "Sign-in is paused" in response.content.decode()


@pytest.mark.django_db
def test_an_over_long_user_name_is_a_form_error_not_a_500(client: Client) -> None:
    """Found by the odd-values crawl on PostgreSQL: 300 characters reached the lockout table."""
    response = client.post("/accounts/login/", {"login": "あ" * 300, "password": "x"})
    assert response.status_code == 200
    assert not AccessAttempt.objects.exists()
