"""A research team's members page (owners only): members, pending invitations, inviting by
e-mail with a role, revoking an invitation, removing a member (their sessions are closed)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from teichaku.web.accounts import invitations
from teichaku.web.accounts.access import TOKEN
from teichaku.web.accounts.models import Membership, Role, Team, TeamInvitation
from teichaku.web.accounts.permissions import Action, may


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("メールアドレス"), max_length=254)
    role = forms.ChoiceField(label=gettext_lazy("役割"), choices=Role.choices)


def team_for(request: HttpRequest, token: str) -> Team:
    """The user's team with `token` (else 404) whose role may manage it (else 403)."""
    mine = None
    if TOKEN.fullmatch(token):
        mine = (
            Membership.objects.filter(user__pk=request.user.pk or 0, team__token=token)
            .select_related("team")
            .first()
        )
    if mine is None:
        raise Http404
    if not may(mine.role, Action.MANAGE):
        raise PermissionDenied
    return mine.team


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, token: str) -> HttpResponse:
    team = team_for(request, token)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitations.invite_to_team(
                team, request.user, form.cleaned_data["email"], form.cleaned_data["role"]
            )
        except invitations.InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("招待メールを送りました。"))
            return redirect("accounts:team", token=team.token)
    context = {
        "team": team,
        "form": form,
        "memberships": team.memberships.select_related("user").order_by("id"),
        "invitations": invitations.pending_team(team).select_related("inviter"),
    }
    return render(request, "accounts/team.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, token: str, invitation_id: str) -> HttpResponse:
    team = team_for(request, token)
    invitation = TeamInvitation.objects.filter(team=team, public_id__iexact=invitation_id).first()
    if invitation is None:
        raise Http404
    try:
        invitations.revoke_team(invitation)
    except invitations.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("招待を取り消しました。"))
    return redirect("accounts:team", token=team.token)


@login_required
@require_POST
def member_remove(request: HttpRequest, token: str, member_id: int) -> HttpResponse:
    team = team_for(request, token)
    membership = team.memberships.filter(pk=member_id).select_related("user").first()
    if membership is None:
        raise Http404
    owners = team.memberships.filter(role=Role.OWNER)
    if membership.user_id == request.user.pk:
        messages.error(request, _("自分自身は削除できません。"))
    elif membership.role == Role.OWNER and owners.count() <= 1:
        messages.error(request, _("最後のオーナーは削除できません。"))
    else:
        invitations.remove_from_team(membership)
        messages.success(request, _("メンバーを削除しました。"))
    return redirect("accounts:team", token=team.token)
