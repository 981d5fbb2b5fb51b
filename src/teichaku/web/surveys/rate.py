"""Rate limiting per client address, shared by every server process through the database.

Only what costs the server something new is counted: starting a form (a new form token).
A respondent in the middle of a form is never limited. The address is `client.client_address`
(REMOTE_ADDR, or X-Forwarded-For from a trusted proxy), kept only as an HMAC keyed with
SECRET_KEY, in a counter per fixed time slot. The setting `TEICHAKU_FORM_RATE` is
``count/seconds`` (default 300 starts in 10 minutes per address: a whole office or a
workshop behind one NAT starts together and still fits).
"""

from __future__ import annotations

import hashlib
import hmac
import random
import time

from django.conf import settings
from django.db import connection
from django.http import HttpRequest

from teichaku.web.client import client_address
from teichaku.web.surveys.models import RateCounter


def rate() -> tuple[int, int]:
    """(count, seconds) of the setting TEICHAKU_FORM_RATE (checked by the settings)."""
    count, _, seconds = str(settings.TEICHAKU_FORM_RATE).partition("/")
    return int(count), int(seconds)


def client_key(request: HttpRequest, scope: str) -> str:
    address = client_address(request)
    message = f"{scope}:{address}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def allow(request: HttpRequest, scope: str = "start", limit: int | None = None) -> bool:
    """Count this request; False once the client passed the limit in the current slot.
    A scope may have its own `limit` per slot (the slots are the setting's for every scope,
    so that forgetting old slots forgets the same ones)."""
    count_limit, seconds = rate()
    limit = limit or count_limit
    slot = int(time.time()) // seconds
    table = RateCounter._meta.db_table
    with connection.cursor() as cursor:
        # One statement, atomic on SQLite (3.35+) and PostgreSQL alike.
        cursor.execute(
            f"INSERT INTO {table} (client, slot, count) VALUES (%s, %s, 1) "
            f"ON CONFLICT (client, slot) DO UPDATE SET count = {table}.count + 1 "
            "RETURNING count",
            [client_key(request, scope), slot],
        )
        (count,) = cursor.fetchone()
    if random.random() < 0.01:  # now and then, forget old slots
        RateCounter.objects.filter(slot__lt=slot - 1).delete()
    return int(count) <= limit
