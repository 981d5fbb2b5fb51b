"""The one way a view reaches a coding project: scoped to the user's teams and role."""

from __future__ import annotations

from django.http import HttpRequest

from teichaku.web.accounts.access import scoped
from teichaku.web.accounts.permissions import Action
from teichaku.web.coding.models import CodingProject


def project_for(request: HttpRequest, token: str, action: Action) -> tuple[CodingProject, str]:
    """The project with `token` and the user's role; another team's project is a 404 and a
    role without `action` a 403."""
    return scoped(CodingProject.objects.all(), request, token, action)
