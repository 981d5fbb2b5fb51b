"""Existing 管理者 keep their authenticator app: each confirmed django-otp TOTP device becomes an
allauth TOTP authenticator with the same secret (django-otp kept it as hex, allauth keeps it as
base32, through the MFA adapter's `encrypt`). Devices allauth cannot check the same way (not 30
seconds, not 6 digits) are left out: those people enrol again at their next office page.

django-otp is no longer installed, so its table is read directly when it exists; it is left in
place (nothing reads it any more; drop it by hand once this has run everywhere).
"""

from __future__ import annotations

import base64
from typing import Any

from django.db import migrations

OLD_TABLE = "otp_totp_totpdevice"


def copy_devices(apps: Any, schema_editor: Any) -> None:
    from allauth.mfa.utils import encrypt

    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    Authenticator = apps.get_model("mfa", "Authenticator")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT user_id, key FROM {OLD_TABLE} "  # noqa: S608 (a constant)
            "WHERE confirmed = %s AND step = 30 AND digits = 6 ORDER BY id",
            [True],
        )
        rows = cursor.fetchall()
    for user_id, key in rows:
        if Authenticator.objects.filter(user_id=user_id, type="totp").exists():
            continue
        secret = base64.b32encode(bytes.fromhex(key)).decode("ascii")
        Authenticator.objects.create(user_id=user_id, type="totp", data={"secret": encrypt(secret)})


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_team_invitations_coders_sessions"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(copy_devices, migrations.RunPython.noop)]
