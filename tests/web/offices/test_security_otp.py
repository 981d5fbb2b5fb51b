"""TOTP (allauth.mfa): only an office 管理者 is sent to enrol; nobody else is given a secret by
the office pages, and an enrolment not confirmed with a valid code is not a second device."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from .conftest import World, make_user
from .totp import code


@pytest.mark.django_db
def test_a_user_without_an_office_gets_no_device_and_no_secret(client: Client) -> None:
    client.force_login(make_user("nobody"))
    assert client.get(reverse("offices:dashboard")).status_code == 403
    assert not Authenticator.objects.exists()
    assert "mfa.totp.secret" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["service_manager", "support_worker", "auditor"])
def test_other_roles_get_no_device(world: World, client: Client, role: str) -> None:
    user = world.users[role]
    client.force_login(user)
    assert client.get(reverse("offices:dashboard")).status_code == 200  # not sent to enrol
    assert not Authenticator.objects.filter(user=user).exists()
    assert "mfa.totp.secret" not in client.session


@pytest.mark.django_db
def test_an_unconfirmed_enrolment_is_not_a_device(world: World, client: Client) -> None:
    admin = world.users["admin"]
    admin.set_password("Admin-pass-9")
    admin.save()
    client.post(reverse("accounts:login"), {"login": "a-admin", "password": "Admin-pass-9"})
    assert client.get(reverse("offices:dashboard"))["Location"] == reverse("mfa_activate_totp")
    client.post(reverse("account_reauthenticate"), {"password": "Admin-pass-9"})
    first = client.get(reverse("mfa_activate_totp"))
    second = client.get(reverse("mfa_activate_totp"))
    assert first.status_code == second.status_code == 200
    # The secret lives only in the session until a code confirms it: each visit shows a new
    # one, and none of them is stored as a device.
    secret = second.context["form"].secret
    assert first.context["form"].secret != secret != ""
    assert not Authenticator.objects.filter(user=admin).exists()
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    assert not Authenticator.objects.filter(user=admin).exists()  # unconfirmed: no device
    client.post(reverse("mfa_activate_totp"), {"code": code(secret)})
    assert Authenticator.objects.filter(user=admin, type="totp").count() == 1
    again = client.get(reverse("mfa_activate_totp"))  # a second enrolment is not offered
    assert again.status_code == 302 and again["Location"] == reverse("mfa_deactivate_totp")
