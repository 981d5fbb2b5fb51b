"""``/api/v1/coding/projects/``: the coding projects of the user's teams and their codings
(each coder's codes, as codings.csv). Scope ``coding:read``; another team's project is a 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Router

from teichaku.web.accounts.access import teams_where
from teichaku.web.accounts.permissions import Action
from teichaku.web.api.auth import require
from teichaku.web.api.models import Scope
from teichaku.web.api.paging import Page, after_value, cursor_page
from teichaku.web.coding import services
from teichaku.web.coding.access import assigned_projects, project_for
from teichaku.web.coding.models import CodingProject

router = Router(tags=["coding"])


@router.get("/projects/", summary="コーディングプロジェクトの一覧 / Coding projects")
def project_list(request: HttpRequest, after: str = "") -> Page:
    require(request, Scope.READ_CODING)
    start = after_value(after)
    teams = [m.team_id for m in teams_where(request, Action.VIEW)]
    projects = (
        CodingProject.objects.filter(Q(team_id__in=teams) | Q(pk__in=assigned_projects(request)))
        .filter(pk__gt=start)
        .select_related("team")
        .order_by("pk")
    )
    return cursor_page(
        request,
        (
            (
                p.pk,
                {
                    "token": p.token,
                    "name": p.name,
                    "team": p.team.name,
                    "question": p.question,
                    "question_label": p.question_label,
                },
            )
            for p in projects
        ),
    )


@router.get(
    "/projects/{token}/codings",
    summary="コーディング（codings.csv の列） / Codings, the columns of codings.csv",
)
def project_codings(request: HttpRequest, token: str, after: str = "") -> Page:
    """Every coder's codes, ordered by response, coder and code; the cursor is a row number."""
    require(request, Scope.READ_CODING)
    start = after_value(after)
    project, _role = project_for(request, token, Action.VIEW)
    codings = sorted(services.codings_of(project), key=lambda c: (c.response_id, c.coder, c.code))
    rows: list[tuple[int, dict[str, Any]]] = [
        (
            number,
            {
                "response_id": c.response_id,
                "question": c.question,
                "code": c.code,
                "coder": c.coder,
            },
        )
        for number, c in enumerate(codings, start=1)
    ]
    return cursor_page(request, (row for row in rows if row[0] > start))
