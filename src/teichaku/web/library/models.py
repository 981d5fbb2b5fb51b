"""実践事例 in the database: the case, every saved version, reviewers' comments and
decisions, confirmed flags, and the site's reviewers.

The case's vocabularies and text fields are the core's (`teichaku.library.case`); a
published case is exchanged as `teichaku.library.case.PracticeCase`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teichaku.library.case import (
    AREA_KINDS,
    NEARBY_KINDS,
    NETWORK_KINDS,
    OPERATING_BODIES,
    SIZE_BANDS,
)


class State(models.TextChoices):
    DRAFT = "draft", _("下書き")
    SUBMITTED = "submitted", _("審査中")
    CHANGES_REQUESTED = "changes_requested", _("修正依頼")
    PUBLISHED = "published", _("公開")
    DECLINED = "declined", _("不採用")


class Reviewer(models.Model):
    """A person who reviews cases for this site (an editorial team: a prefectural council
    or the research team). The operator grants the role; it belongs to the site, not to an
    office."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_reviewer"
    )
    granted_at = models.DateTimeField(auto_now_add=True)


class PracticeCase(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    office = models.ForeignKey(
        "offices.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    title = models.CharField(_("題名"), max_length=200)
    challenges = models.JSONField(_("答える課題"), default=list)
    prefecture = models.CharField(_("都道府県"), max_length=10)
    network = models.CharField(
        _("ネットワークの種類"), max_length=40, blank=True, choices=NETWORK_KINDS
    )
    area = models.CharField(_("地域"), max_length=10, blank=True, choices=AREA_KINDS)
    nearby = models.CharField(_("近隣の事業所"), max_length=10, blank=True, choices=NEARBY_KINDS)
    operating_body = models.CharField(
        _("運営主体"), max_length=20, blank=True, choices=OPERATING_BODIES
    )
    size_band = models.CharField(_("規模"), max_length=10, blank=True, choices=SIZE_BANDS)
    integrated_with_transition = models.BooleanField(
        _("就労移行支援と一体的に運営"), null=True, blank=True
    )
    situation = models.TextField(_("状況"))
    actions = models.TextField(_("取り組んだこと"))
    partners = models.JSONField(_("連携した相手"), default=list, blank=True)
    channels = models.JSONField(_("連絡の方法"), default=list, blank=True)
    outcome = models.TextField(_("変わったこと"))
    cautions = models.TextField(_("留意点"), blank=True)
    author_shown = models.BooleanField(_("事業所名を公開する"), default=False)
    author_name = models.CharField(max_length=200, blank=True)  # imported cases' author
    search_index = models.TextField(default=" ", editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    revision_note = models.CharField(_("改訂の内容"), max_length=300, blank=True)
    source_site = models.CharField(max_length=300, blank=True)
    source_id = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_site", "source_id"],
                condition=~models.Q(source_site=""),
                name="library_case_unique_provenance",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CaseVersion(models.Model):
    """Every saved revision of a case, as the exchanged case's fields (JSON)."""

    case = models.ForeignKey(PracticeCase, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=20, choices=State.choices)
    revision_note = models.CharField(max_length=300, blank=True)
    data = models.JSONField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="library_version_number")
        ]


class Decision(models.TextChoices):
    COMMENT = "comment", _("コメント")
    CHANGES_REQUESTED = "changes_requested", _("修正依頼")
    PUBLISHED = "published", _("公開")
    DECLINED = "declined", _("不採用")


class ReviewComment(models.Model):
    case = models.ForeignKey(PracticeCase, on_delete=models.CASCADE, related_name="comments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class FlagConfirmation(models.Model):
    """A reviewer's record that a flagged word identifies nobody (the flag stays in the
    text; this row lets the case be submitted and published)."""

    case = models.ForeignKey(PracticeCase, on_delete=models.CASCADE, related_name="confirmed")
    field = models.CharField(max_length=40)
    words = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "field", "words", "kind"], name="library_flag_once"
            )
        ]


class ReviewerChange(models.Model):
    """The audit of the reviewer role: who granted or revoked it to whom, when, and whether
    on the operator's page or with the command (`teichaku practices reviewer`)."""

    class Change(models.TextChoices):
        GRANTED = "granted", _("付与")
        REVOKED = "revoked", _("取り消し")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150)  # kept when the account is deleted
    change = models.CharField(max_length=10, choices=Change.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=150)  # the operator, or 「コマンド」
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]


class AuthorQuestion(models.Model):
    """A reader's question to a published case's author, relayed by e-mail to the author
    office's staff with Reply-To the reader. The row is the record of who asked which case
    and when; the reader's address appears nowhere else (not in logs, not on any page)."""

    case = models.ForeignKey(PracticeCase, on_delete=models.CASCADE, related_name="questions")
    asked_at = models.DateTimeField(auto_now_add=True)
    name = models.CharField(_("お名前"), max_length=100, blank=True)
    reply_to = models.EmailField(_("返信先のメールアドレス"))
    body = models.TextField(_("質問"))
    origin = models.CharField(max_length=16, blank=True)  # keyed hash of the address
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-asked_at", "-id"]
