"""`/healthz` and `/readyz`: what a load balancer or monitor asks of each server.

- ``/healthz`` says the process answers (no database, no session): restart it if not.
- ``/readyz`` says it can serve: the database answers a query and the cache (Redis when
  configured) stores and returns a value; 503 names the part that failed, never its error
  text (that goes to the log).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"teichaku:readyz:{secrets.token_hex(8)}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


# Name → check; each raises when its part cannot serve. Other parts (a job broker) add theirs.
READINESS_CHECKS: dict[str, Callable[[], None]] = {"database": _database, "cache": _cache}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    results = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("readiness check %s failed", name)
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    ready = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )
