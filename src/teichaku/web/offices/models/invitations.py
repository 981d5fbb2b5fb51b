"""An invitation to join an office, sent by e-mail: no membership until its link is used.

The fields every invitation has (e-mail, hashed token, expiry, inviter, answers) are the
shared abstract `teichaku.web.accounts.models.Invitation`; this adds the office and role.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teichaku.web.accounts.models import Invitation
from teichaku.web.offices.models.tenancy import OfficeOwned, Role
from teichaku.web.offices.scoping import OfficeScopedManager, OfficeScopedQuerySet

OPEN = Q(accepted_at__isnull=True, declined_at__isnull=True, revoked_at__isnull=True)


class InvitationQuerySet(OfficeScopedQuerySet):
    def addressed_to(self, user: Any) -> Self:
        """Invitations to the user's e-mail address, from any office: the other legitimate
        scope (none for an account without an address)."""
        email = (getattr(user, "email", "") or "").strip()
        scoped = self.filter(email__iexact=email) if email else self.none()
        scoped._office_scoped = True
        return scoped

    def with_token_hash(self, token_hash: str) -> Self:
        """The invitation whose link carries this token: its holder's legitimate scope."""
        scoped = self.filter(token_hash=token_hash)
        scoped._office_scoped = True
        return scoped

    def pending(self) -> Self:
        """Not answered, not revoked, not expired."""
        return self.filter(OPEN).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )


class InvitationManager(OfficeScopedManager.from_queryset(InvitationQuerySet)):  # type: ignore[misc]
    pass


class OfficeInvitation(OfficeOwned, Invitation):
    role = models.CharField(_("役割"), max_length=20, choices=Role.choices)
    job_coach_trained = models.BooleanField(_("職場適応援助者養成研修修了"), default=False)

    objects: ClassVar[InvitationManager] = InvitationManager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"→ {self.office_id} ({self.role})"
