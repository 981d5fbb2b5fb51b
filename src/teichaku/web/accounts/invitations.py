"""Invitations by e-mail, both kinds (team here, office in `web/offices/invitations.py`).

The token is a credential: made by `issue`, sent once in the link, and kept only as its
sha256 (`token_hash`). A link works once, until it expires (TEICHAKU_INVITATION_DAYS), and
not after it is revoked. Team invitations are made, revoked and accepted here.
"""

from __future__ import annotations

import hashlib
import secrets
import smtplib
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teichaku.web import mail
from teichaku.web.accounts.models import Invitation, Membership, Team, TeamInvitation
from teichaku.web.accounts.sessions import close_sessions

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class InvitationError(ValueError):
    """An invitation that cannot be made or changed; the message is for the user."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(invitation: Invitation) -> str:
    """Give `invitation` a new token and expiry (not saved); return the token for the link."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = digest(token)
    invitation.expires_at = timezone.now() + timedelta(days=settings.TEICHAKU_INVITATION_DAYS)
    return token


def link(token: str) -> str:
    """The acceptance page's address, absolute (TEICHAKU_BASE_URL, else this machine)."""
    base = getattr(settings, "TEICHAKU_BASE_URL", "") or DEFAULT_BASE_URL
    return base.rstrip("/") + reverse("invitation", kwargs={"token": token})


def send(invitation: Any, token: str, place: str) -> str:
    """E-mail the link (inside the caller's transaction: a failure undoes the invitation)."""
    address = link(token)
    try:
        mail.send_invitation(invitation, address, place)
    except (OSError, smtplib.SMTPException) as error:
        raise InvitationError(
            _("招待メールを送れませんでした。メールの設定を確認してください。") + f" ({error})"
        ) from error
    return address


def normal_email(email: str) -> str:
    return email.strip().lower()


def refuse_twice(pending: Any, email: str) -> None:
    """The same address may hold one pending invitation per office or team."""
    if pending.filter(email__iexact=email).exists():
        raise InvitationError(
            _("このアドレスには回答待ちの招待があります。取り消してから招待し直してください。")
        )


@transaction.atomic
def invite_to_team(team: Team, inviter: Any, email: str, role: str) -> tuple[TeamInvitation, str]:
    """Invite `email` with `role`: the invitation, e-mailed, and its link (refused for a
    member or an address with a pending invitation)."""
    email = normal_email(email)
    if Membership.objects.filter(team=team, user__email__iexact=email).exists():
        raise InvitationError(_("このアドレスの人はすでにこのチームのメンバーです。"))
    refuse_twice(pending_team(team), email)
    invitation = TeamInvitation(team=team, email=email, role=role, inviter=inviter)
    token = issue(invitation)
    invitation.save()
    return invitation, send(invitation, token, team.name)


def pending_team(team: Team) -> Any:
    now = timezone.now()
    return TeamInvitation.objects.filter(
        team=team, accepted_at=None, declined_at=None, revoked_at=None, expires_at__gt=now
    )


@transaction.atomic
def revoke_team(invitation: TeamInvitation) -> None:
    if not invitation.is_pending:
        raise InvitationError(_("この招待はすでに回答済みか、取り消されています。"))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def join_team(invitation: TeamInvitation, user: Any) -> None:
    """Called inside the acceptance's transaction: the membership (a member keeps theirs)."""
    Membership.objects.get_or_create(
        team=invitation.team, user=user, defaults={"role": invitation.role}
    )


@transaction.atomic
def remove_from_team(membership: Membership) -> None:
    """End a member's access: the membership goes, their open sessions are closed."""
    user = membership.user
    membership.delete()
    close_sessions(user)
