"""The TOTP page enrols only an office 管理者; nobody else gets a device or a secret."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import World, make_user


@pytest.mark.django_db
def test_a_user_without_an_office_gets_no_device_and_no_secret(client: Client) -> None:
    client.force_login(make_user("nobody"))
    response = client.get(reverse("offices:otp"))
    assert response.status_code == 404
    assert not TOTPDevice.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["service_manager", "support_worker", "auditor"])
def test_other_roles_get_no_device(world: World, client: Client, role: str) -> None:
    user = world.users[role]
    client.force_login(user)
    assert client.get(reverse("offices:otp")).status_code == 404
    assert client.post(reverse("offices:otp"), {"token": "123456"}).status_code == 404
    assert not TOTPDevice.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_an_admin_enrolling_reuses_the_unconfirmed_device(world: World, client: Client) -> None:
    admin = world.users["admin"]
    client.force_login(admin)
    first = client.get(reverse("offices:otp"))
    second = client.get(reverse("offices:otp"))
    assert first.status_code == second.status_code == 200
    devices = TOTPDevice.objects.filter(user=admin)
    assert devices.count() == 1 and not devices.get().confirmed
    assert first.context["secret"] == second.context["secret"] != ""
