"""The one way a research view reaches a team's object: through the user's memberships.

`teams_where` lists the teams whose role allows an action; `scoped` fetches one object of
the user's teams by its token, with the user's role. The surveys and coding apps keep only
their own lookups (`surveys/access.py`, `coding/access.py`), both built on `scoped`.
"""

from __future__ import annotations

import re
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import F, Model, QuerySet
from django.http import Http404, HttpRequest

from teichaku.web.accounts.models import Membership
from teichaku.web.accounts.permissions import Action, may

M = TypeVar("M", bound=Model)

# Tokens are `secrets.token_urlsafe`: anything else (a NUL byte, which PostgreSQL refuses
# in a query, or an overlong value) cannot name an object and is a 404 without a query.
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def teams_where(request: HttpRequest, action: Action) -> list[Membership]:
    """The user's memberships whose role allows `action`."""
    memberships = Membership.objects.filter(user__pk=request.user.pk or 0).select_related("team")
    return [m for m in memberships if may(m.role, action)]


def scoped(objects: QuerySet[M], request: HttpRequest, token: str, action: Action) -> tuple[M, str]:
    """The object of `objects` (which has a ``team`` and a ``token``) with `token` in one of
    the user's teams, and the user's role there.

    Another team's object (or none) is a 404, exactly as if it did not exist; a member whose
    role lacks `action` gets a 403.
    """
    if not request.user.is_authenticated or not TOKEN.fullmatch(token):
        raise Http404
    found = (
        objects.filter(token=token, team__memberships__user=request.user)
        .annotate(role=F("team__memberships__role"))
        .select_related("team")
        .first()
    )
    if found is None:
        raise Http404
    role = str(found.role)  # annotated by the query above
    if not may(role, action):
        raise PermissionDenied
    return found, role
