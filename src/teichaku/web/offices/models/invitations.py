"""An invitation to join an office: no membership until the invitee accepts it.

Today an office 管理者 invites an existing account by user name and the invitee answers on
their home page. A later e-mailed invitation will name no account yet (`invitee` empty), carry
a `token` for its link and an `expires_at`: both fields are here already, unused for now.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teichaku.web.offices.models.tenancy import OfficeOwned, Role
from teichaku.web.offices.scoping import OfficeScopedManager, OfficeScopedQuerySet

OPEN = Q(accepted_at__isnull=True, declined_at__isnull=True, revoked_at__isnull=True)


class InvitationQuerySet(OfficeScopedQuerySet):
    def addressed_to(self, user: Any) -> Self:
        """The invitee's own invitations, from any office: the other legitimate scope."""
        scoped = self.filter(invitee_id=user.pk)
        scoped._office_scoped = True
        return scoped

    def pending(self) -> Self:
        """Not answered, not revoked, not expired."""
        return self.filter(OPEN).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )


class InvitationManager(OfficeScopedManager.from_queryset(InvitationQuerySet)):  # type: ignore[misc]
    pass


class OfficeInvitation(OfficeOwned):
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("招待する相手"),
        null=True,  # empty for a later e-mailed invitation, until its link is used
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField(_("役割"), max_length=20, choices=Role.choices)
    job_coach_trained = models.BooleanField(_("職場適応援助者養成研修修了"), default=False)
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("招待した人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("招待日時"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有効期限"), null=True, blank=True)
    token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    accepted_at = models.DateTimeField(_("承認日時"), null=True, blank=True)
    declined_at = models.DateTimeField(_("辞退日時"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("取消日時"), null=True, blank=True)

    objects: ClassVar[InvitationManager] = InvitationManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "invitee"], condition=OPEN, name="one_open_invitation"
            )
        ]

    @property
    def is_pending(self) -> bool:
        unanswered = not (self.accepted_at or self.declined_at or self.revoked_at)
        return unanswered and (self.expires_at is None or self.expires_at > timezone.now())

    def __str__(self) -> str:
        return f"{self.invitee} → {self.office_id} ({self.role})"
