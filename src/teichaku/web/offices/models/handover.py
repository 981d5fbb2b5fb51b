"""Hand-over profile (the 就労パスポート's sections), consent, and each disclosure made."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teichaku.practice.consent import REPORTS as REPORTS_CATEGORY
from teichaku.practice.consent import ConsentFacts
from teichaku.practice.handover import PASSPORT_SECTIONS
from teichaku.web.offices.models.people import Person
from teichaku.web.offices.models.tenancy import OfficeOwned

SECTION_LABELS = dict(PASSPORT_SECTIONS)


class HandoverProfile(OfficeOwned):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="handover")
    source_organisation = models.CharField(_("情報の提供元"), max_length=200, blank=True)
    work_experience = models.TextField(_("職務経験"), blank=True)
    strengths = models.TextField(_("仕事上のアピールポイント"), blank=True)
    health_and_work_style = models.TextField(_("体調管理と希望する働き方"), blank=True)
    communication = models.TextField(_("コミュニケーション面"), blank=True)
    task_performance = models.TextField(_("作業遂行面"), blank=True)
    self_check = models.TextField(_("就職後の自己チェック"), blank=True)
    support_agencies = models.TextField(_("(参考)支援機関"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def sections(self) -> dict[str, str]:
        return {key: getattr(self, key) for key, _label in PASSPORT_SECTIONS}


class Category(models.TextChoices):
    """What a consent covers."""

    HANDOVER = "handover", _("引き継ぎ情報(就労パスポート)")
    REPORTS = REPORTS_CATEGORY, _("支援レポート")
    EMPLOYMENT = "employment", _("就労状況")
    HEALTH = "health", _("障害・健康の情報")
    CONTACTS = "contacts", _("支援記録")


class Consent(OfficeOwned):
    """The person's consent to give their information to one recipient for one purpose."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("目的"), max_length=300)
    recipient = models.CharField(_("提供先"), max_length=200)
    categories = models.JSONField(_("情報の種類"), default=list)
    given_on = models.DateField(_("同意日"))
    revoked_on = models.DateField(_("撤回日"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on"]

    def __str__(self) -> str:
        return f"{self.recipient}({self.given_on})"

    def facts(self) -> ConsentFacts:
        return ConsentFacts(frozenset(self.categories), self.given_on, self.revoked_on)

    def active_on(self, day: date) -> bool:
        return self.facts().active_on(day)

    def category_labels(self) -> list[str]:
        labels = dict(Category.choices)
        return [str(labels.get(c, c)) for c in self.categories]


class DisclosureKind(models.TextChoices):
    HANDOVER = "handover", _("引き継ぎ情報の提供")
    END_OF_SERVICE = "end_of_service", _("支援終了前の情報共有(終了3か月前まで)")


class Disclosure(OfficeOwned):
    """A record of giving information to a third party, always under an active consent."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disclosures")
    consent = models.ForeignKey(
        Consent, verbose_name=_("同意"), on_delete=models.PROTECT, related_name="disclosures"
    )
    kind = models.CharField(_("種類"), max_length=20, choices=DisclosureKind.choices)
    recipient = models.CharField(_("提供先"), max_length=200)
    categories = models.JSONField(_("情報の種類"), default=list)
    disclosed_on = models.DateField(_("提供日"))
    note = models.TextField(_("内容・方法"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-disclosed_on"]
