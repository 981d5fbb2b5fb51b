"""The 就労定着支援計画 (individual support plan) and its reviews (モニタリング).

The review interval is the core's (`teichaku.practice.plans`); a new plan (a revision) is a
new row, the old ones stay as they were agreed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teichaku.web.offices.models.people import Person
from teichaku.web.offices.models.tenancy import OfficeOwned


class SupportPlan(OfficeOwned):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="plans")
    written_on = models.DateField(_("作成日"))
    long_term_goal = models.TextField(_("長期目標"))
    short_term_goals = models.TextField(_("短期目標"), help_text=_("1行に1つ"))
    support_content = models.TextField(_("支援内容"))
    agreed = models.BooleanField(_("本人が内容に同意した"), default=False)
    signed_on = models.DateField(_("本人の同意・署名日"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("作成者(サービス管理責任者)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-created_at"]

    def goals(self) -> list[str]:
        """The goals as lines: the long-term goal, then each short-term goal."""
        lines = [self.long_term_goal, *self.short_term_goals.splitlines()]
        return [line.strip() for line in lines if line.strip()]


class PlanReview(OfficeOwned):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("見直しの日"))
    evaluation = models.TextField(_("実施状況と評価"))
    revision = models.TextField(
        _("計画の変更"),
        blank=True,
        help_text=_("変更しない場合は空欄(大きく変える場合は新しい計画を作成)"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("見直した人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]
