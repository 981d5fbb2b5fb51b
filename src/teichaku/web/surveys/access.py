"""The one way a desk view reaches a survey: scoped to the user's teams and role."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpRequest

from teichaku.web.accounts.models import Membership
from teichaku.web.accounts.permissions import Action, may
from teichaku.web.surveys.models import Survey


def survey_for(request: HttpRequest, token: str, action: Action) -> tuple[Survey, str]:
    """The survey with `token` and the user's role in its team.

    Another team's survey (or none) is a 404, exactly as if it did not exist; a member
    whose role lacks `action` gets a 403.
    """
    if not request.user.is_authenticated:
        raise Http404
    survey = (
        Survey.objects.filter(token=token, team__memberships__user=request.user)
        .defer("instrument_file")
        .annotate(role=F("team__memberships__role"))
        .select_related("team")
        .first()
    )
    if survey is None:
        raise Http404
    role = str(survey.role)
    if not may(role, action):
        raise PermissionDenied
    return survey, role


def teams_where(request: HttpRequest, action: Action) -> list[Membership]:
    """The user's memberships whose role allows `action`."""
    memberships = Membership.objects.filter(user__pk=request.user.pk or 0).select_related("team")
    return [m for m in memberships if may(m.role, action)]
