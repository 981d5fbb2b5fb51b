"""The page an invitation's link opens (`/invitations/<token>/`), for both kinds.

It shows who invited whom to what. Signed out: a form makes the account (user name, 氏名,
password twice) for the invited address, adds the membership and signs in. Signed in with
the invited address: a button adds the membership. Another address: an explanation.
A used, expired or revoked link is a 410 page, an unknown one a 404 page (both Japanese).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import BaseUserCreationForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teichaku.web.accounts import invitations as team_invitations
from teichaku.web.accounts.access import TOKEN
from teichaku.web.accounts.models import Invitation, TeamInvitation
from teichaku.web.offices import invitations as office_invitations
from teichaku.web.offices.context import SESSION_OFFICE
from teichaku.web.offices.models import OfficeInvitation

GONE = {
    "accepted": gettext_lazy("この招待はすでに使われています。招待のリンクは1回だけ使えます。"),
    "declined": gettext_lazy("この招待は辞退されています。"),
    "revoked": gettext_lazy("この招待は取り消されました。"),
    "expired": gettext_lazy(
        "この招待は有効期限が切れています。招待した人に再送を依頼してください。"
    ),
}


class AccountForm(BaseUserCreationForm):  # type: ignore[type-arg]
    """A new account for the invited address: login id, 氏名, password twice (validated)."""

    first_name = forms.CharField(label=gettext_lazy("氏名"), max_length=150)

    class Meta(BaseUserCreationForm.Meta):  # type: ignore[name-defined,misc]
        model = get_user_model()
        fields = ("username", "first_name")
        labels = {"username": gettext_lazy("ユーザー名（ログインID）")}


def find(token: str) -> Invitation | None:
    if not TOKEN.fullmatch(token):
        return None
    digest = team_invitations.digest(token)
    office = OfficeInvitation.objects.with_token_hash(digest).select_related("office", "inviter")
    found: Invitation | None = office.first()
    if found is None:
        team = TeamInvitation.objects.filter(token_hash=digest).select_related("team", "inviter")
        found = team.first()
    return found


def place(invitation: Invitation) -> str:
    if isinstance(invitation, OfficeInvitation):
        return invitation.office.name
    assert isinstance(invitation, TeamInvitation)
    return invitation.team.name


def invitation_page(request: HttpRequest, token: str) -> HttpResponse:
    invitation = find(token)
    if invitation is None:
        return _gone(
            request, _("この招待のリンクは見つかりません。アドレスを確かめてください。"), 404
        )
    if not invitation.is_pending:
        return _gone(request, str(GONE[invitation.state]), 410)
    user: Any = request.user
    same = user.is_authenticated and user.email.strip().lower() == invitation.email.lower()
    form = None
    status = 200
    if not user.is_authenticated:
        if get_user_model().objects.filter(email__iexact=invitation.email).exists():
            form = None  # an account exists: sign in first (the template says so)
        else:
            form = AccountForm(request.POST or None)
            if request.method == "POST":
                if form.is_valid():
                    return _accept(request, invitation, form)
                status = 400
    elif not same:
        status = 403
    elif request.method == "POST":
        return _accept(request, invitation, None)
    context = {
        "invitation": invitation,
        "place": place(invitation),
        "form": form,
        "same": same,
        "existing": not user.is_authenticated and form is None,
    }
    return render(request, "invitations/accept.html", context, status=status)


def _gone(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    return render(request, "invitations/gone.html", {"reason": reason}, status=status)


@transaction.atomic
def _accept(request: HttpRequest, invitation: Invitation, form: AccountForm | None) -> HttpResponse:
    locked = type(invitation)._base_manager.select_for_update().get(pk=invitation.pk)
    if not locked.is_pending:  # used by another request meanwhile
        return _gone(request, str(GONE[locked.state]), 410)
    if form is not None:
        user = form.save(commit=False)
        user.email = invitation.email
        user.save()
        login(request, user, backend=settings.PASSWORD_BACKEND)
    else:
        user = request.user
    invitation.invitee = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["invitee", "accepted_at"])
    if isinstance(invitation, OfficeInvitation):
        office_invitations.join(request, invitation, user)
        request.session[SESSION_OFFICE] = str(invitation.office.public_id)
        target = "offices:dashboard"
    else:
        assert isinstance(invitation, TeamInvitation)
        team_invitations.join_team(invitation, user)
        target = "home"
    messages.success(request, _("招待を承認しました。"))
    return redirect(target)
