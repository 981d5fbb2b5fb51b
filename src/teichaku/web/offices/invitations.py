"""Joining an office: a 管理者 (or the site operator, for the first one) invites by e-mail,
the invitee accepts through the link or on their home page, the 管理者 may revoke.

No membership exists until the invitee accepts; each step is audited in the office's log.
The token, expiry and e-mail are shared with team invitations (`web/accounts/invitations.py`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from teichaku.web.accounts.invitations import (
    InvitationError,
    issue,
    normal_email,
    refuse_twice,
    send,
)
from teichaku.web.accounts.sessions import close_sessions
from teichaku.web.offices import audit
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.models import OfficeInvitation, Role, StaffMembership

__all__ = ["InvitationError", "answer", "invite", "join", "remove", "revoke"]


@transaction.atomic
def invite(
    ctx: OfficeContext, email: str, role: str, job_coach_trained: bool = False
) -> tuple[OfficeInvitation, str]:
    """Invite `email` with `role`: the invitation, e-mailed, and its link."""
    email = normal_email(email)
    members = StaffMembership.objects.filter(office=ctx.office, user__email__iexact=email)
    if members.exists():
        raise InvitationError(_("このアドレスの人はすでにこの事業所の職員です。"))
    refuse_twice(OfficeInvitation.objects.for_office(ctx.office).pending(), email)
    invitation = OfficeInvitation(
        office=ctx.office,
        email=email,
        role=role,
        job_coach_trained=job_coach_trained,
        inviter=ctx.user,
    )
    token = issue(invitation)
    invitation.save()
    audit.record(ctx, "invite", "invitation", invitation.public_id, detail=role)
    return invitation, send(invitation, token, ctx.office.name)


@transaction.atomic
def revoke(ctx: OfficeContext, invitation: OfficeInvitation) -> None:
    if not invitation.is_pending:
        raise InvitationError(_("この招待はすでに回答済みか、取り消されています。"))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(ctx, "revoke", "invitation", invitation.public_id)


def join(request: HttpRequest | None, invitation: OfficeInvitation, user: Any) -> None:
    """Called inside the acceptance's transaction: the membership and its audit entry."""
    StaffMembership.objects.update_or_create(
        user=user,
        office=invitation.office,
        defaults={"role": invitation.role, "job_coach_trained": invitation.job_coach_trained},
    )
    ctx = OfficeContext(request, user, invitation.office, invitation.role)
    audit.record(ctx, "accept", "invitation", invitation.public_id, detail=invitation.role)


@transaction.atomic
def answer(
    request: HttpRequest, user: Any, public_id: UUID, *, accept: bool
) -> OfficeInvitation | None:
    """Accept or decline a pending invitation to the user's address; None if none such."""
    invitation: OfficeInvitation | None = (
        OfficeInvitation.objects.addressed_to(user)
        .pending()
        .select_for_update()
        .select_related("office")
        .filter(public_id=public_id)
        .first()
    )
    if invitation is None:
        return None
    invitation.invitee = user
    if accept:
        invitation.accepted_at = timezone.now()
        join(request, invitation, user)
    else:
        invitation.declined_at = timezone.now()
        ctx = OfficeContext(request, user, invitation.office, "")
        audit.record(ctx, "decline", "invitation", invitation.public_id)
    invitation.save(update_fields=["invitee", "accepted_at", "declined_at"])
    return invitation


@transaction.atomic
def remove(ctx: OfficeContext, membership: StaffMembership) -> None:
    """End a member's access (audited): not oneself, not the office's last 管理者."""
    if membership.user_id == ctx.user.pk:
        raise InvitationError(_("自分自身は削除できません。"))
    admins = StaffMembership.objects.filter(office=ctx.office, role=Role.ADMIN)
    if membership.role == Role.ADMIN and admins.count() <= 1:
        raise InvitationError(_("最後の管理者は削除できません。"))
    user = membership.user
    membership.delete()
    audit.record(ctx, "revoke", "membership", user.pk, detail=membership.role)
    close_sessions(user)
