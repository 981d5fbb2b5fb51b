"""The person (利用者), their employment episodes and the partners around them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teichaku.practice.handover import ROLE_AREAS
from teichaku.web.offices.models.tenancy import OfficeOwned


class DisabilityCategory(models.TextChoices):
    PHYSICAL = "physical", _("身体障害")
    INTELLECTUAL = "intellectual", _("知的障害")
    MENTAL = "mental", _("精神障害")
    DEVELOPMENTAL = "developmental", _("発達障害")
    INTRACTABLE = "intractable", _("難病")
    HIGHER_BRAIN = "higher_brain", _("高次脳機能障害")
    OTHER = "other", _("その他")


class PreviousService(models.TextChoices):
    LIFE_CARE = "life_care", _("生活介護")
    INDEPENDENCE = "independence", _("自立訓練")
    TRANSITION = "transition", _("就労移行支援")
    CONTINUATION_A = "continuation_a", _("就労継続支援A型")
    CONTINUATION_B = "continuation_b", _("就労継続支援B型")


class PlanType(models.TextChoices):
    CONSULTATION = "consultation", _("計画相談")
    SELF_PLAN = "self_plan", _("セルフプラン")


class PartnerKind(models.TextChoices):
    EMPLOYER = "employer", _("企業")
    CONSULTATION = "consultation", _("相談支援事業所")
    MEDICAL = "medical", _("医療機関")
    LIFE_SUPPORT = "life_support", _("生活支援機関")
    OTHER = "other", _("その他")


class Partner(OfficeOwned):
    kind = models.CharField(_("種類"), max_length=20, choices=PartnerKind.choices)
    name = models.CharField(_("名称"), max_length=200)
    contact_person = models.CharField(_("担当者"), max_length=100, blank=True)
    site = models.CharField(_("所在地・就業場所"), max_length=200, blank=True)
    phone = models.CharField(_("電話"), max_length=40, blank=True)
    email = models.EmailField(_("メール"), blank=True)
    notes = models.TextField(_("メモ"), blank=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Person(OfficeOwned):
    display_name = models.CharField(_("氏名"), max_length=100)
    name_kana = models.CharField(_("ふりがな"), max_length=100, blank=True)
    disability_category = models.CharField(
        _("障害種別"), max_length=20, choices=DisabilityCategory.choices
    )
    came_from_service = models.CharField(
        _("就職前に利用したサービス"), max_length=20, choices=PreviousService.choices
    )
    came_from_office_name = models.CharField(_("就職前の事業所名"), max_length=200, blank=True)
    came_from_integral = models.BooleanField(
        _("当事業所と一体的に運営する事業所から"),
        default=False,
        help_text=_("いいえの場合は「自法人以外」(初期加算の対象、引き継ぎ情報が必要)"),
    )
    plan_type = models.CharField(_("計画の種類"), max_length=20, choices=PlanType.choices)
    consultation_office = models.ForeignKey(
        Partner,
        verbose_name=_("相談支援事業所"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    consultation_contact = models.CharField(_("相談支援専門員・連絡先"), max_length=200, blank=True)
    service_start = models.DateField(_("利用開始日"), null=True, blank=True)
    service_end = models.DateField(_("利用終了日"), null=True, blank=True)
    staff_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("担当職員"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Per-person inputs of the reward (retention.billing.PersonFlags).
    special_area_resident = models.BooleanField(
        _("特別地域(中山間地域等)に居住"),
        default=False,
        help_text=_("特別地域加算はこの利用者について算定します"),
    )
    continued_support = models.BooleanField(
        _("支援終了後も支援が必要(要継続支援)"),
        default=True,
        help_text=_(
            "はいの場合、終了3か月前までに関係機関と情報を共有します(支援体制構築未実施減算)。"
            "判断するまでは「はい」のままにしてください"
        ),
    )
    copay_cap_managed = models.BooleanField(
        _("当事業所が利用者負担上限額を管理"),
        default=False,
        help_text=_("利用者負担上限額管理加算"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_kana", "display_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def from_other_organisation(self) -> bool:
        return not self.came_from_integral


class LeaveReason(models.TextChoices):
    BETTER_CONDITIONS = "better_conditions", _("労働条件の改善のための転職")
    PERSONAL = "personal", _("自己都合")
    HEALTH = "health", _("体調")
    DISMISSAL = "dismissal", _("解雇")
    CONTRACT_END = "contract_end", _("契約期間満了")
    OTHER = "other", _("その他")


class Employment(OfficeOwned):
    """One job. A job change is a new episode, never an edit of the old one."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    employer = models.ForeignKey(
        Partner,
        verbose_name=_("企業(連携先)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    employer_name = models.CharField(_("企業名"), max_length=200)
    job_title = models.CharField(_("職務"), max_length=200, blank=True)
    weekly_hours = models.DecimalField(
        _("週の所定労働時間"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    hired_on = models.DateField(_("就職日"))
    left_on = models.DateField(_("離職日(最終勤務日)"), null=True, blank=True)
    end_unknown = models.BooleanField(_("離職の有無・時期が不明"), default=False)
    leave_reason = models.CharField(
        _("離職理由"), max_length=30, choices=LeaveReason.choices, blank=True
    )
    leave_note = models.CharField(_("離職理由の補足"), max_length=200, blank=True)

    class Meta:
        ordering = ["hired_on"]

    def __str__(self) -> str:
        return f"{self.employer_name} ({self.hired_on})"


class PersonPartner(OfficeOwned):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="partner_links")
    partner = models.ForeignKey(
        Partner, verbose_name=_("機関"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("関わり"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "partner"], name="one_link_per_partner")
        ]


class RoleAssignment(OfficeOwned):
    """One row of a self-plan person's role-division sheet: who covers one area of life."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_assignments")
    area = models.CharField(_("領域"), max_length=20, choices=ROLE_AREAS)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("担当機関"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    who = models.CharField(_("担当者(家族・本人など)"), max_length=200, blank=True)
    note = models.CharField(_("内容"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "area"], name="one_row_per_area")]

    @property
    def covered(self) -> bool:
        return self.partner_id is not None or bool(self.who.strip())
