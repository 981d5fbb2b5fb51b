"""Joining an office: a 管理者 invites, the invitee accepts or declines, the 管理者 may revoke.

No membership exists until the invitee accepts; each step is audited in the office's log.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from teichaku.web.offices import audit
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.models import OfficeInvitation, StaffMembership


class InvitationError(ValueError):
    """An invitation that cannot be made or changed; the message is for the user."""


@transaction.atomic
def invite(ctx: OfficeContext, user: Any, role: str, job_coach_trained: bool) -> OfficeInvitation:
    if StaffMembership.objects.filter(user=user, office=ctx.office).exists():
        raise InvitationError(_("このユーザーはすでにこの事業所の職員です。"))
    mine = OfficeInvitation.objects.for_office(ctx.office).filter(invitee=user)
    if mine.pending().exists():
        raise InvitationError(
            _("このユーザーには回答待ちの招待があります。取り消してから招待し直してください。")
        )
    mine.filter(accepted_at=None, declined_at=None, revoked_at=None).update(
        revoked_at=timezone.now()  # expired ones: closed, so a new one may be open
    )
    invitation: OfficeInvitation = OfficeInvitation.objects.create(
        office=ctx.office,
        invitee=user,
        role=role,
        job_coach_trained=job_coach_trained,
        inviter=ctx.user,
    )
    audit.record(ctx, "invite", "invitation", invitation.public_id, detail=role)
    return invitation


@transaction.atomic
def revoke(ctx: OfficeContext, invitation: OfficeInvitation) -> None:
    if not invitation.is_pending:
        raise InvitationError(_("この招待はすでに回答済みか、取り消されています。"))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(ctx, "revoke", "invitation", invitation.public_id)


@transaction.atomic
def answer(
    request: HttpRequest, user: Any, public_id: UUID, *, accept: bool
) -> OfficeInvitation | None:
    """Accept or decline the user's own pending invitation; None if there is no such one."""
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
    now = timezone.now()
    if accept:
        StaffMembership.objects.update_or_create(
            user=user,
            office=invitation.office,
            defaults={"role": invitation.role, "job_coach_trained": invitation.job_coach_trained},
        )
        invitation.accepted_at = now
        role = invitation.role
    else:
        invitation.declined_at = now
        role = ""
    invitation.save(update_fields=["accepted_at", "declined_at"])
    ctx = OfficeContext(request, user, invitation.office, role)
    audit.record(
        ctx, "accept" if accept else "decline", "invitation", invitation.public_id, detail=role
    )
    return invitation
