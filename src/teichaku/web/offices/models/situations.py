"""The office's situations that reduce the reward, month by month (減算の事由): a kind, the
month it began, the month it was resolved (empty while it goes on) and a note. The rules core
decides from which month and by how much (`practice.reward_inputs.situation_month`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teichaku.web.offices.models.tenancy import OfficeOwned


class SituationKind(models.TextChoices):
    """The reductions' ids in the rule sets (`reductions[].id`)."""

    SERVICE_MANAGER_SHORTAGE = "service_manager_shortage", _("サービス管理責任者の欠如")
    INFO_NOT_REPORTED = "info_not_reported", _("情報公表の未報告")
    ABUSE_PREVENTION_MISSING = "abuse_prevention_missing", _("虐待防止措置の未実施")


class OfficeSituation(OfficeOwned):
    kind = models.CharField(_("事由"), max_length=40, choices=SituationKind.choices)
    since = models.DateField(_("始まった月"), help_text=_("その月の1日として記録します"))
    until = models.DateField(
        _("解消した月"), null=True, blank=True, help_text=_("続いている間は空欄")
    )
    note = models.TextField(_("メモ"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-since", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.since:%Y-%m}"
