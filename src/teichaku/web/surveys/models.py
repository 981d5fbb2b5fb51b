"""A published instrument, its submissions, and the guards around collecting them.

Nothing here stores who a respondent is: no IP address, no user agent. Form tokens and
invitation codes are kept only as SHA-256 digests; rate-limit counters only as keyed hashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teichaku.web.accounts.models import Team, url_token


def new_public_token() -> str:
    """The survey's URL slug: 128 random bits, never an id."""
    return url_token(16)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


CONSENT_FIELDS = ("organiser", "purpose", "contact", "ethics_approval")  # the consent page


class Survey(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="surveys")
    token = models.CharField(max_length=40, unique=True, default=new_public_token)
    title = models.CharField(_("タイトル"), max_length=200)
    instrument_name = models.CharField(max_length=100, blank=True)  # a built-in instrument
    instrument_file = models.BinaryField(null=True, blank=True)  # or an uploaded XLSForm
    instrument_filename = models.CharField(max_length=200, blank=True)
    instrument_digest = models.CharField(max_length=64, blank=True)  # of the file: a cache key
    is_open = models.BooleanField(_("受付中"), default=True)
    opens_at = models.DateTimeField(_("受付開始"), null=True, blank=True)
    closes_at = models.DateTimeField(_("受付終了"), null=True, blank=True)
    invitation_only = models.BooleanField(_("招待コードが必要"), default=False)
    # The consent page: plain text, shown escaped with its line breaks.
    organiser = models.TextField(_("実施者"), blank=True, default="")
    purpose = models.TextField(_("目的"), blank=True, default="")
    contact = models.TextField(_("問い合わせ先"), blank=True, default="")
    ethics_approval = models.TextField(_("倫理審査"), blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Population shares the downloads are raked to (the targets CSV as uploaded, checked by
    # `teichaku.tabulate.raking`); empty: the downloads are unweighted.
    raking_targets = models.TextField(blank=True, default="")
    raking_filename = models.CharField(max_length=200, blank=True, default="")
    # The previous wave: a survey of the same team and instrument (`waves.link_previous_wave`).
    previous_wave = models.ForeignKey(
        "self",
        verbose_name=_("前回の調査"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_waves",
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def accepting(self, now: dt.datetime | None = None) -> bool:
        """Open, and within its dates (`ACCEPTING_SQL` says the same in a statement)."""
        now = now or timezone.now()
        if not self.is_open:
            return False
        if self.opens_at is not None and now < self.opens_at:
            return False
        return self.closes_at is None or now < self.closes_at


# `Survey.accepting` over a row named `survey`, `now` its two parameters: for a statement
# that must write only while the survey accepts answers (`services.start_by_token`).
ACCEPTING_SQL = (
    "survey.is_open AND (survey.opens_at IS NULL OR survey.opens_at <= %s) "
    "AND (survey.closes_at IS NULL OR %s < survey.closes_at)"
)


class FormToken(models.Model):
    """Issued when a respondent starts the form; used once, by the submission that stores it."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="form_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)


class Invitation(models.Model):
    """An invitation code: one answer per code."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "digest"], name="one_code_per_survey")
        ]


class ImportBatch(models.Model):
    """One file of answers collected elsewhere: its new rows, stored in one transaction."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(max_length=200)
    rows = models.PositiveIntegerField()  # new rows stored
    already = models.PositiveIntegerField(default=0)  # rows already in the survey, skipped
    refused = models.PositiveIntegerField(default=0)  # duplicates inside the file, skipped
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)


class Origin(models.TextChoices):
    WEB = "web", _("Webフォーム")
    IMPORT = "import", _("取り込み")


class Submission(models.Model):
    """One respondent's answers: option values keyed by question name (JSON)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="submissions")
    response_id = models.CharField(max_length=64)
    answers = models.JSONField(default=dict)
    other_texts = models.JSONField(default=dict)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.WEB)
    # Unique: a replayed or double-clicked form stores one answer, on SQLite and PostgreSQL.
    form_token = models.OneToOneField(
        FormToken, null=True, blank=True, on_delete=models.PROTECT, related_name="submission"
    )
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="submission"
    )
    import_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="submissions"
    )
    # An imported row's identity in its file (`teichaku.responses.identity.source_key`):
    # a re-import skips keys already here. Null for web answers and for rows imported
    # before keys existed (those are matched by response_id instead).
    source_key = models.CharField(max_length=200, null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "response_id"], name="one_response_id_per_survey"
            ),
            models.UniqueConstraint(
                fields=["survey", "source_key"],
                condition=models.Q(source_key__isnull=False),
                name="one_source_key_per_survey",
            ),
        ]


class RateCounter(models.Model):
    """Requests of one client (a keyed hash, never the address) in one time slot."""

    client = models.CharField(max_length=64)
    slot = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "slot"], name="one_counter")]
