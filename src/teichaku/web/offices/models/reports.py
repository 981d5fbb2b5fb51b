"""The monthly 支援レポート and the record of whom it was shared with."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teichaku.practice.report_draft import SECTION_KEYS
from teichaku.web.offices.models.contacts import WithWhom
from teichaku.web.offices.models.handover import Consent
from teichaku.web.offices.models.people import Person
from teichaku.web.offices.models.tenancy import OfficeOwned


class MonthlyReport(OfficeOwned):
    """The month's report in the sections of `teichaku.practice.report_draft.SECTIONS`: it is
    handed to the person and the employer, so it never holds internal notes."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reports")
    month = models.DateField(_("対象月"))  # the first day of the month
    work = models.TextField(_("就労状況"), blank=True)
    life = models.TextField(_("生活面"), blank=True)
    issues = models.TextField(_("課題"), blank=True)
    support = models.TextField(_("支援内容"), blank=True)
    next_month = models.TextField(_("次月の予定"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], name="one_report_per_month")
        ]

    def sections(self) -> list[tuple[str, str, str]]:
        """(key, heading, text) in print order; headings in the page's language."""
        titles = {f.name: str(f.verbose_name) for f in self._meta.concrete_fields}
        return [(key, titles[key], getattr(self, key)) for key in SECTION_KEYS]


class ShareMethod(models.TextChoices):
    HAND = "hand", _("手渡し")
    MAIL = "mail", _("郵送")
    EMAIL = "email", _("メール")
    ONLINE = "online", _("オンライン")


class ReportShare(OfficeOwned):
    """To whom and when a report was shared. Anyone but the person needs their consent."""

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="shares")
    recipient_kind = models.CharField(_("共有先の種類"), max_length=20, choices=WithWhom.choices)
    recipient_name = models.CharField(_("共有先"), max_length=200)
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("同意"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    shared_on = models.DateField(_("共有日"))
    method = models.CharField(_("方法"), max_length=20, choices=ShareMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shared_on"]
