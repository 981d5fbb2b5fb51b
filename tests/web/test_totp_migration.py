"""Existing 管理者 keep their authenticator app: a confirmed django-otp TOTP device becomes an
allauth TOTP authenticator with the same secret, so the code the app shows is accepted."""

from __future__ import annotations

import hmac
import importlib
import struct
import time
from hashlib import sha1
from types import SimpleNamespace

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection

migration = importlib.import_module("teichaku.web.accounts.migrations.0003_totp_from_django_otp")
KEY = "3132333435363738393031323334353637383930"  # django-otp keeps the key as hex


def app_code(hex_key: str) -> str:
    """What an authenticator app shows for this key now (RFC 6238, 30 s, 6 digits)."""
    mac = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", int(time.time()) // 30), sha1)
    digest = mac.digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@pytest.mark.django_db
def test_a_confirmed_django_otp_device_keeps_working() -> None:
    users = get_user_model().objects
    admin, pending = users.create_user(username="admin"), users.create_user(username="pending")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE otp_totp_totpdevice (id integer PRIMARY KEY, user_id integer,"
            " key varchar(80), confirmed boolean, step smallint, digits smallint)"
        )
        cursor.execute(
            "INSERT INTO otp_totp_totpdevice VALUES (1, %s, %s, %s, 30, 6), (2, %s, %s, %s, 30, 6)",
            [admin.pk, KEY, True, pending.pk, KEY, False],
        )
    migration.copy_devices(apps, SimpleNamespace(connection=connection))
    [copied] = Authenticator.objects.filter(type=Authenticator.Type.TOTP)
    assert copied.user_id == admin.pk  # the unconfirmed device is not copied
    assert TOTP(copied).validate_code(app_code(KEY))


@pytest.mark.django_db
def test_without_the_old_table_nothing_happens() -> None:
    migration.copy_devices(apps, SimpleNamespace(connection=connection))
    assert not Authenticator.objects.exists()
