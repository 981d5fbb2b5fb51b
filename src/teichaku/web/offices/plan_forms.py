"""Forms of the 就労定着支援計画: the plan (goals, support, the person's agreement) and a
review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teichaku.web.offices.forms import OfficeForm
from teichaku.web.offices.formtools import Corrected
from teichaku.web.offices.models import Office, PlanReview, SupportPlan


class PlanForm(Corrected, OfficeForm):
    class Meta:
        model = SupportPlan
        fields = [
            "written_on",
            "long_term_goal",
            "short_term_goals",
            "support_content",
            "agreed",
            "signed_on",
        ]
        widgets = {
            "long_term_goal": forms.Textarea(attrs={"rows": 2}),
            "short_term_goals": forms.Textarea(attrs={"rows": 4}),
            "support_content": forms.Textarea(attrs={"rows": 6}),
        }

    happened = ("written_on", "signed_on")
    dated_today = ("written_on",)

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        self.ask_reason()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agreed, signed = data.get("agreed"), data.get("signed_on")
        if agreed and not signed:
            self.add_error("signed_on", _("同意を得た場合は署名日を入力してください。"))
        if signed and not agreed:
            self.add_error("agreed", _("署名日がある場合は同意にチェックを入れてください。"))
        written = data.get("written_on")
        if signed and written and signed < written:
            self.add_error("signed_on", _("署名日は作成日以降にしてください。"))
        return data


class ReviewForm(OfficeForm):
    class Meta:
        model = PlanReview
        fields = ["reviewed_on", "evaluation", "revision"]
        widgets = {
            "evaluation": forms.Textarea(attrs={"rows": 5}),
            "revision": forms.Textarea(attrs={"rows": 3}),
        }

    happened = dated_today = ("reviewed_on",)

    def __init__(self, *args: Any, office: Office, plan: SupportPlan, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        self.plan = plan

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("reviewed_on")
        if day and day < self.plan.written_on:
            self.add_error("reviewed_on", _("見直しの日は計画の作成日以降にしてください。"))
        return data
