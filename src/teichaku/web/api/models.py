"""An API token: only its SHA-256 digest is stored; the token itself is shown once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ_SURVEYS = "surveys:read", _("調査の読み取り")
    READ_CODING = "coding:read", _("コーディングの読み取り")
    OFFICE_EXPORT = "offices:export", _("事業所データの書き出し")


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("名前"), max_length=100, blank=True)
    scope = models.CharField(_("権限の範囲"), max_length=20, choices=Scope.choices)
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 hex of the token
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name or self.pk} ({self.scope})"
