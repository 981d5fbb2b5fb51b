"""A research team owns surveys; each member has one role in it. Invitations (to a team or,
in the office app, to an office) share one abstract base here: an e-mail address, a hashed
single-use token, an expiry and who invited whom."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def url_token(nbytes: int = 12) -> str:
    """A random slug for URLs and the command line (`secrets.token_urlsafe`), never starting
    with "-", which a command would read as an option (`teichaku responses export -N…`)."""
    while True:
        token = secrets.token_urlsafe(nbytes)
        if not token.startswith("-"):
            return token


def new_token() -> str:
    return url_token(12)


class Role(models.TextChoices):
    OWNER = "owner", _("オーナー")
    ANALYST = "analyst", _("分析者")
    VIEWER = "viewer", _("閲覧者")
    CODER = "coder", _("コーダー")


class Team(models.Model):
    name = models.CharField(_("チーム名"), max_length=200)
    token = models.CharField(max_length=32, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="one_role_per_team")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.team} ({self.role})"


class Invitation(models.Model):
    """An e-mailed invitation. Only the sha256 of its token is kept (`token_hash`); the link
    carries the token itself. Used once (`accepted_at`), until `expires_at`, unless revoked."""

    email = models.EmailField(_("メールアドレス"))
    invitee = models.ForeignKey(  # the account that accepted it
        settings.AUTH_USER_MODEL,
        verbose_name=_("招待された人"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("招待した人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("招待日時"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有効期限"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    accepted_at = models.DateTimeField(_("承認日時"), null=True, blank=True)
    declined_at = models.DateTimeField(_("辞退日時"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("取消日時"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_pending(self) -> bool:
        return self.state == "pending"

    @property
    def state(self) -> str:
        """pending, accepted, declined, revoked or expired."""
        if self.accepted_at:
            return "accepted"
        if self.declined_at:
            return "declined"
        if self.revoked_at:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class TeamInvitation(Invitation):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("役割"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"→ {self.team_id} ({self.role})"


class SessionRecord(models.Model):
    """Which sessions a user has open (filled at login), so removing a member closes them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
