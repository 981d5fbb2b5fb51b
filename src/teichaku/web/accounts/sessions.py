"""Closing a person's sessions when their membership ends.

Each login records its session key (`SessionRecord`, filled by the `user_logged_in`
signal); `close_sessions` deletes those sessions through the session engine, so the next
request of that browser is anonymous. Cheap (one indexed query) on SQLite and PostgreSQL.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from teichaku.web.accounts.models import SessionRecord


def remember(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """`user_logged_in` receiver: note the (new) session key of this login."""
    key = request.session.session_key
    if key:
        SessionRecord.objects.get_or_create(session_key=key, defaults={"user": user})


def close_sessions(user: Any) -> int:
    """Log `user` out everywhere; returns how many sessions were closed."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    records = SessionRecord.objects.filter(user_id=user.pk)
    keys = list(records.values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    records.delete()
    return len(keys)
