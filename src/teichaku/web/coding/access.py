"""The one way a view reaches a coding project: scoped to the user's teams and role."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404, HttpRequest

from teichaku.web.accounts.models import Membership
from teichaku.web.accounts.permissions import Action, may
from teichaku.web.coding.models import CodingProject


def project_for(request: HttpRequest, token: str, action: Action) -> tuple[CodingProject, str]:
    """The project with `token` and the user's role; another team's project is a 404 and a
    role without `action` a 403."""
    if not request.user.is_authenticated:
        raise Http404
    project = (
        CodingProject.objects.filter(token=token, team__memberships__user=request.user)
        .annotate(role=F("team__memberships__role"))
        .select_related("team")
        .first()
    )
    if project is None:
        raise Http404
    role = str(project.role)  # annotated by the query above
    if not may(role, action):
        raise PermissionDenied
    return project, role


def teams_where(request: HttpRequest, action: Action) -> list[Membership]:
    memberships = Membership.objects.filter(user__pk=request.user.pk or 0).select_related("team")
    return [m for m in memberships if may(m.role, action)]
