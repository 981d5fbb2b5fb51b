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
from typing import Any

from django.conf import settings
from django.db import connection, transaction
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


def counting(request: HttpRequest, scope: str, source: str = "") -> tuple[str, list[Any], int]:
    """The statement that counts this request in its slot (returning the new count), its
    parameters and the slot; one statement, atomic on SQLite (3.35+) and PostgreSQL alike.
    With `source` (a `FROM … WHERE …` of the statement it is part of, yielding at most one
    row) it counts only when that yields a row."""
    slot = int(time.time()) // rate()[1]
    table = RateCounter._meta.db_table
    values = f"SELECT %s, %s, 1 {source}" if source else "VALUES (%s, %s, 1)"
    sql = (
        f"INSERT INTO {table} (client, slot, count) {values} "
        f"ON CONFLICT (client, slot) DO UPDATE SET count = {table}.count + 1 "
        "RETURNING count"
    )
    return sql, [client_key(request, scope), slot], slot


def forget_now_and_then(slot: int) -> None:
    if random.random() < 0.01:  # now and then, forget old slots
        RateCounter.objects.filter(slot__lt=slot - 1).delete()


def allow(request: HttpRequest, scope: str = "start", limit: int | None = None) -> bool:
    """Count this request; False once the client passed the limit in the current slot.
    A scope may have its own `limit` per slot (the slots are the setting's for every scope,
    so that forgetting old slots forgets the same ones)."""
    limit = limit or rate()[0]
    sql, params, slot = counting(request, scope)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (count,) = cursor.fetchone()
    forget_now_and_then(slot)
    return int(count) <= limit


def allow_then_insert(
    request: HttpRequest, insert: str, params: list[Any], scope: str = "start"
) -> int | None:
    """Count this request and, if it is within the limit, run `insert` (an INSERT …
    SELECT %s, … RETURNING id): the new row's id, or None when limited. On PostgreSQL one
    statement (the count as a data-modifying WITH), so one commit and no transaction
    around it; elsewhere the two statements in one transaction."""
    sql, counter, slot = counting(request, scope)
    limit = rate()[0]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH counted AS ({sql}) {insert} FROM counted WHERE counted.count <= %s "
                "RETURNING id",
                [*counter, *params, limit],
            )
            row = cursor.fetchone()
        else:
            with transaction.atomic():
                cursor.execute(sql, counter)
                (count,) = cursor.fetchone()
                row = None
                if int(count) <= limit:
                    cursor.execute(f"{insert} RETURNING id", params)
                    row = cursor.fetchone()
    forget_now_and_then(slot)
    return None if row is None else int(row[0])
