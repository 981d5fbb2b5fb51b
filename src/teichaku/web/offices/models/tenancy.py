"""The office (事業所) is the tenant; staff belong to it with one role each."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teichaku.retention.loader import area_grade_names
from teichaku.web.offices.scoping import OfficeScopedManager

AREA_GRADES = [(name, name) for name in area_grade_names()]  # from the rules core


class ShortageSize(models.TextChoices):
    """人員欠如の程度: the rule sets' `staffing_shortage` start ids."""

    OVER_10_PERCENT = "over_10_percent", _("1割を超える欠如(翌月から減算)")
    UP_TO_10_PERCENT = "up_to_10_percent", _("1割以内の欠如(翌々月から減算)")


class TreatmentGrade(models.TextChoices):
    """福祉・介護職員等処遇改善加算の区分: the rule sets' grade ids."""

    I = "I", _("区分Ⅰ")  # noqa: E741
    II = "II", _("区分Ⅱ")
    III = "III", _("区分Ⅲ")
    IV = "IV", _("区分Ⅳ")


class Role(models.TextChoices):
    ADMIN = "admin", _("管理者")
    SERVICE_MANAGER = "service_manager", _("サービス管理責任者")
    SUPPORT_WORKER = "support_worker", _("就労定着支援員")
    AUDITOR = "auditor", _("監査担当(閲覧のみ)")


class Office(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("事業所名"), max_length=200)
    number = models.CharField(_("事業所番号"), max_length=10, unique=True)
    contact = models.CharField(
        _("連絡先"),
        max_length=200,
        blank=True,
        help_text=_("支援レポートと記録票に印刷します(電話番号など)"),
    )
    area_grade = models.CharField(_("地域区分"), max_length=10, choices=AREA_GRADES)
    integrated_offices = models.TextField(
        _("一体的に運営する事業所"), blank=True, help_text=_("1行に1事業所")
    )
    designated_on = models.DateField(_("指定日"), null=True, blank=True)
    handover_policy = models.TextField(
        _("支援終了後の情報共有の方針"),
        blank=True,
        help_text=_("支援体制構築未実施減算を避けるため、方針と担当者を定める"),
    )
    handover_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("情報共有の担当者"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retention_record = models.BooleanField(
        _("就労定着実績体制加算の要件を満たす"),
        default=False,
        help_text=_(
            "前年度、過去6年間に利用を終えた方の7割以上が同じ企業に3年6か月以上6年6か月未満"
            "勤続している(届出のうえ全利用者に算定)"
        ),
    )
    staffing_shortage_since = models.DateField(
        _("人員欠如の開始日"),
        null=True,
        blank=True,
        help_text=_("人員基準を満たさない状態が続いている場合、その開始日(人員欠如減算)"),
    )
    staffing_shortage_size = models.CharField(
        _("人員欠如の程度"),
        max_length=20,
        choices=ShortageSize.choices,
        blank=True,
        help_text=_("空欄のときは1割を超える欠如(早く始まる方)とみなします"),
    )
    treatment_improvement = models.CharField(
        _("福祉・介護職員等処遇改善加算"),
        max_length=4,
        choices=TreatmentGrade.choices,
        blank=True,
        help_text=_("届け出た区分(加算率は規則セットによる。未確認の率は単位数を示しません)"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the operator closes the office: its records are gone, its audit log is kept.
    closed_at = models.DateTimeField(_("閉鎖日時"), null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return self.name


class StaffMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_memberships"
    )
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("役割"), max_length=20, choices=Role.choices)
    job_coach_trained = models.BooleanField(
        _("職場適応援助者養成研修修了"),
        default=False,
        help_text=_(
            "修了者が就労定着支援員として配置されていれば職場適応援助者養成研修修了者配置体制加算"
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "office"], name="one_role_per_office")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.office} ({self.role})"


class OfficeOwned(models.Model):
    """A row that belongs to one office, found by an opaque id, read only through scoping."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = OfficeScopedManager()

    class Meta:
        abstract = True
