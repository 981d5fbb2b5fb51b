"""The one way a view reaches a coding project: scoped to the user's teams and role.

A team member with the role `coder` reaches only the projects they are added to (the
project's coders page); within one, they work as an analyst does (code, codebook, compare).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from teichaku.web.accounts.access import TOKEN, scoped
from teichaku.web.accounts.models import Role
from teichaku.web.accounts.permissions import ALLOWED, Action
from teichaku.web.coding.models import CodingProject


def project_for(request: HttpRequest, token: str, action: Action) -> tuple[CodingProject, str]:
    """The project with `token` and the user's role; another team's project is a 404 and a
    role without `action` a 403."""
    user = request.user
    if user.is_authenticated and TOKEN.fullmatch(token):
        assigned = (
            CodingProject.objects.filter(
                token=token,
                coders=user,
                team__memberships__user=user,
                team__memberships__role=Role.CODER,
            )
            .select_related("team")
            .first()
        )
        if assigned is not None:
            if action not in ALLOWED[Role.ANALYST] - {Action.IMPORT}:
                raise PermissionDenied
            return assigned, Role.ANALYST
    return scoped(CodingProject.objects.all(), request, token, action)


def assigned_projects(request: HttpRequest) -> list[int]:
    """Ids of the projects the user codes in as a `coder` of its team."""
    return list(
        CodingProject.objects.filter(
            coders__pk=request.user.pk or 0,
            team__memberships__user__pk=request.user.pk or 0,
            team__memberships__role=Role.CODER,
        ).values_list("pk", flat=True)
    )
