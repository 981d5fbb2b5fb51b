"""The contact log: every way of keeping in touch, with whom, face to face or not."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teichaku.practice.contacts import WITH_WHOM
from teichaku.web.offices.models.people import Partner, Person
from teichaku.web.offices.models.tenancy import OfficeOwned


class WithWhom(models.TextChoices):
    # The keys are teichaku.practice.contacts.WITH_WHOM.
    PERSON = "person", _("本人")
    EMPLOYER = "employer", _("企業")
    FAMILY = "family", _("家族")
    CONSULTATION = "consultation", _("相談支援")
    MEDICAL = "medical", _("医療機関")
    OTHER = "other", _("その他")


class Channel(OfficeOwned):
    """A method of contact: the study's Table 13 methods, plus the office's own."""

    key = models.SlugField(max_length=40)
    label = models.CharField(_("連絡方法"), max_length=100)
    active = models.BooleanField(_("使用中"), default=True)
    # Table 13's methods take it from `practice.contacts.face_to_face_channel`; the office says
    # it for its own methods. A contact is face to face exactly when its method is.
    face_to_face = models.BooleanField(
        _("対面の方法"),
        default=False,
        help_text=_("職場訪問・家庭訪問・事業所での面談のように、直接会って支援する方法"),
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "label"]
        constraints = [
            models.UniqueConstraint(fields=["office", "key"], name="one_channel_key_per_office")
        ]

    def __str__(self) -> str:
        return self.label


class Contact(OfficeOwned):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contacts")
    day = models.DateField(_("日付"))
    channel = models.ForeignKey(
        Channel, verbose_name=_("方法"), on_delete=models.PROTECT, related_name="+"
    )
    with_whom = models.JSONField(_("相手"), default=list)  # keys of WithWhom, in its order
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("相手の機関"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    face_to_face = models.BooleanField(_("対面"), default=False, editable=False)  # = channel's
    minutes = models.PositiveIntegerField(_("所要時間(分)"), null=True, blank=True)
    notes = models.TextField(_("内容"), blank=True)
    next_step = models.CharField(_("次の対応"), max_length=300, blank=True)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-created_at"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.face_to_face = self.channel.face_to_face  # by the method, never on its own
        super().save(*args, **kwargs)

    @property
    def with_whom_labels(self) -> str:
        """The 相手 as the pages show them: 本人・企業."""
        labels = dict(WithWhom.choices)
        keys = [k for k in WITH_WHOM if k in self.with_whom]
        return "・".join(str(labels[k]) for k in keys)


class MeetingKind(models.TextChoices):
    # The values are the rules core's addition ids.
    MEETING_1 = "meeting_1", _("地域連携会議(Ⅰ)(サービス管理責任者が計画を説明)")
    MEETING_2 = "meeting_2", _("地域連携会議(Ⅱ)(就労定着支援員が出席し報告)")


class Meeting(OfficeOwned):
    """A 地域連携会議 (case meeting with outside bodies) held for one person.

    Every meeting is recorded; the rules core decides which ones the addition may be claimed
    for (once a month and four times a fiscal year per person)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="meetings")
    day = models.DateField(_("開催日"))
    kind = models.CharField(_("種類"), max_length=20, choices=MeetingKind.choices)
    attendees = models.TextField(_("出席者(機関・職名)"))
    notes = models.TextField(_("内容"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-created_at"]
