"""Rate limiting per client, shared by every server process through the database.

The client is the remote address, kept only as an HMAC keyed with SECRET_KEY, in a counter
per fixed time slot. `TEICHAKU_FORM_RATE` sets the limit as ``requests/seconds`` (default
60 form posts a minute per client: an office behind one address still fits).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import random
import time

from django.conf import settings
from django.db import connection
from django.http import HttpRequest

from teichaku.web.surveys.models import RateCounter

DEFAULT_RATE = "60/60"


def rate() -> tuple[int, int]:
    text = str(getattr(settings, "TEICHAKU_FORM_RATE", os.environ.get("TEICHAKU_FORM_RATE", "")))
    limit, _, seconds = (text or DEFAULT_RATE).partition("/")
    return int(limit), max(1, int(seconds or 60))


def client_key(request: HttpRequest, scope: str) -> str:
    address = str(request.META.get("REMOTE_ADDR", ""))
    message = f"{scope}:{address}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def allow(request: HttpRequest, scope: str = "form") -> bool:
    """Count this request; False once the client passed the limit in the current slot."""
    limit, seconds = rate()
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
