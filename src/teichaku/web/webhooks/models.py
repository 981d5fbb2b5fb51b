"""A survey's webhook, each event sent to it (a delivery) and each try of a delivery."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teichaku.web.surveys.models import Survey


def new_secret() -> str:
    return secrets.token_hex(32)


class Webhook(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("送信先 URL"), max_length=500)
    # Kept as is: it is needed to sign every body. Shown to the owner once, when made or rotated.
    secret = models.CharField(max_length=64, default=new_secret)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Event(models.TextChoices):
    RESPONSE_CREATED = "response.created", _("新しい回答")
    SURVEY_CLOSED = "survey.closed", _("受付終了")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("送信待ち")
    SENDING = "sending", _("送信中")
    DELIVERED = "delivered", _("配信済み")
    FAILED = "failed", _("失敗（再試行終了）")


class Delivery(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=Event.choices)
    # The exact bytes signed and sent (text, so a redelivery sends the same body).
    body = models.TextField()
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]


class Attempt(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)  # none: no answer
    ok = models.BooleanField(default=False)
    # The receiver's answer, cut short; or why there was none (timeout, refused address).
    excerpt = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["at", "id"]
