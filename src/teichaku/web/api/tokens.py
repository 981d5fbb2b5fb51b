"""API tokens: made, listed, revoked and checked only here.

A token is ``tck_`` + 43 URL-safe characters (32 random bytes). Only its SHA-256 digest is
stored; a presented token is hashed and compared with ``hmac.compare_digest``. The
``offices:export`` scope is given only to a user whose role may export in some office
(``offices.permissions.Action.EXPORT_PERSON``); each request re-checks the office's role.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from teichaku.web.api.models import ApiToken, Scope
from teichaku.web.offices.models import StaffMembership
from teichaku.web.offices.permissions import Action as OfficeAction
from teichaku.web.offices.permissions import may as office_may

PREFIX = "tck_"
TOKEN_BYTES = 32


class TokenError(ValueError):
    """A token that may not be made (the message is for the user, in their language)."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def export_memberships(user: Any) -> list[StaffMembership]:
    """The user's office memberships whose role may export the office's records."""
    found = StaffMembership.objects.filter(user__pk=user.pk or 0).select_related("office")
    return [m for m in found if office_may(m.role, OfficeAction.EXPORT_PERSON)]


def scope_problem(user: Any, scope: str) -> str | None:
    if scope not in Scope.values:
        accepted = ", ".join(Scope.values)
        return _("範囲 %(scope)s はありません（指定できるもの: %(accepted)s）") % {
            "scope": scope,
            "accepted": accepted,
        }
    if scope == Scope.OFFICE_EXPORT and not export_memberships(user):
        return _("事業所データの書き出しは、書き出しのできる役割の方だけが作成できます")
    return None


@transaction.atomic
def create_token(user: Any, scope: str, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the token, which is never stored."""
    problem = scope_problem(user, scope)
    if problem:
        raise TokenError(problem)
    token = PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    row = ApiToken.objects.create(
        user=user, scope=scope, name=name.strip()[:100], digest=digest(token)
    )
    return row, token


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user__pk=user.pk or 0, revoked_at__isnull=True)


@transaction.atomic
def revoke(user: Any, token_id: int) -> bool:
    """Revoke one of `user`'s own tokens; False when they have no such live token."""
    return bool(tokens_of(user).filter(pk=token_id).update(revoked_at=timezone.now()))


def authenticate(presented: str) -> ApiToken | None:
    """The live token `presented` names, or None (unknown, malformed or revoked)."""
    if not presented.startswith(PREFIX) or len(presented) > 100:
        return None
    wanted = digest(presented)
    row = ApiToken.objects.select_related("user").filter(digest=wanted).first()
    if row is None or not hmac.compare_digest(row.digest, wanted):
        return None
    if row.revoked_at is not None or not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row
