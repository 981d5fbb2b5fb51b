"""Writing audit entries: called inside the same transaction as the change it records."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from teichaku.web.client import client_address as shared_client_address
from teichaku.web.offices.models import AuditEntry

if TYPE_CHECKING:
    from teichaku.web.offices.context import OfficeContext

# At most this many `denied` entries per user per minute: a scan cannot flood the log.
DENIED_PER_MINUTE = 10


def origin_hash(address: str) -> str:
    """A keyed hash of the client address: comparable between entries, not reversible."""
    key = hashlib.sha256(("teichaku-audit-origin:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:16]


def client_address(request: HttpRequest) -> str:
    return shared_client_address(request)  # REMOTE_ADDR, or XFF from a trusted proxy only


def record(
    ctx: OfficeContext,
    action: str,
    object_type: str,
    object_id: object = "",
    *,
    person_id: object = "",
    detail: str = "",
    changes: list[dict[str, str]] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one entry. `detail` must never hold personal data (names, notes); `changes`
    (before/after of a corrected or deleted record) and `reason` may, and are shown only on
    the person's page (see `offices.corrections`)."""
    user = ctx.user
    address = client_address(ctx.request) if ctx.request is not None else ""
    return AuditEntry.objects.create(
        office=ctx.office,
        actor=user,
        actor_name=user.get_username(),
        role=ctx.role,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        person_id=str(person_id),
        detail=detail[:300],
        origin=origin_hash(address) if address else "",
        changes=changes or [],
        reason=reason,
    )


def denied(ctx: OfficeContext, object_type: str) -> AuditEntry | None:
    """Note a request for a row this office does not have (another office's, or none).

    Written in the asking user's own office log, naming the page and the kind of row but not
    the requested id (it may be another office's). Only for requests, and rate-limited.
    """
    if ctx.request is None:
        return None
    since = timezone.now() - timedelta(minutes=1)
    recent = AuditEntry.objects.filter(actor_id=ctx.user.pk, action="denied", at__gte=since)
    if recent.count() >= DENIED_PER_MINUTE:
        return None
    match = ctx.request.resolver_match
    return record(ctx, "denied", object_type, detail=match.view_name if match else "")
