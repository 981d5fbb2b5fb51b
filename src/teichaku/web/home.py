"""The page after login: the areas this user belongs to, and nothing else."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from teichaku.web.accounts.models import Membership
from teichaku.web.offices.models import OfficeInvitation, StaffMembership


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert user.is_authenticated  # login_required
    teams = Membership.objects.filter(user=user).select_related("team")
    offices = StaffMembership.objects.filter(user=user).select_related("office")
    invitations = (
        OfficeInvitation.objects.addressed_to(user).pending().select_related("office", "inviter")
    )
    areas = []
    if teams:
        areas += [reverse("surveys:desk"), reverse("coding:list")]
    if offices:
        areas.append(reverse("offices:dashboard"))
    if len(areas) == 1 and not invitations:  # one place to be: go there
        return redirect(areas[0])
    context = {"teams": teams, "offices": offices, "invitations": invitations}
    return render(request, "home.html", context)
