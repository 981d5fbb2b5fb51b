"""A project's coders: the team's members with the role コーダー, each added or removed with a
button (analysts and owners code in every project of their team already)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from teichaku.web.accounts.models import Role
from teichaku.web.accounts.permissions import Action
from teichaku.web.coding.access import project_for


@login_required
@require_http_methods(["GET", "POST"])
def coders(request: HttpRequest, token: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.MANAGE)
    members = project.team.memberships.filter(role=Role.CODER).select_related("user")
    if request.method == "POST":
        picked = request.POST.get("user", "")
        chosen = (
            members.filter(user__pk=int(picked)).first()
            if picked.isascii() and picked.isdigit() and len(picked) < 19
            else None
        )
        if chosen is not None:
            if request.POST.get("do") == "remove":
                project.coders.remove(chosen.user)
                messages.success(request, _("コーダーから外しました。"))
            else:
                project.coders.add(chosen.user)
                messages.success(request, _("コーダーに加えました。"))
        return redirect("coding:coders", token=project.token)
    current = set(project.coders.values_list("pk", flat=True))
    rows = [(m.user, m.user_id in current) for m in members]
    return render(request, "coding/coders.html", {"project": project, "rows": rows})
