"""Forms of the office app. Every choice of another row is limited to the current office."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from teichaku.web.offices.models import (
    Channel,
    Consent,
    Contact,
    Disclosure,
    Employment,
    HandoverProfile,
    Meeting,
    MonthlyReport,
    Office,
    Partner,
    Person,
    PersonPartner,
    ReportShare,
    Role,
    RoleAssignment,
    WithWhom,
)
from teichaku.web.offices.models.handover import Category
from teichaku.web.offices.models.people import PartnerKind, PlanType


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def recorded_day(day: date) -> date:
    """The day something happened: today or earlier."""
    if day > date.today():
        raise forms.ValidationError(_("未来の日付は記録できません。"))
    return day


def limit_choices(
    form: forms.BaseForm, name: str, queryset: QuerySet[Any]
) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    """Narrow a model-choice field of `form` to `queryset`; returns the field."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    return field


class OfficeForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form whose related choices come only from `office`."""

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        for field in self.fields.values():
            if isinstance(field.widget, forms.DateInput):
                field.widget = DateInput()
            if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
                model = field.queryset.model
                if hasattr(model.objects, "for_office"):
                    field.queryset = model.objects.for_office(office)


class PersonForm(OfficeForm):
    class Meta:
        model = Person
        fields = [
            "display_name",
            "name_kana",
            "disability_category",
            "came_from_service",
            "came_from_office_name",
            "came_from_integral",
            "plan_type",
            "consultation_office",
            "consultation_contact",
            "service_start",
            "service_end",
            "staff_in_charge",
        ]

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        limit_choices(
            self,
            "consultation_office",
            Partner.objects.for_office(office).filter(kind=PartnerKind.CONSULTATION),
        )
        limit_choices(
            self,
            "staff_in_charge",
            get_user_model().objects.filter(office_memberships__office=office),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("service_start"), data.get("service_end")
        if end and not start:
            self.add_error("service_end", _("利用開始日がないのに利用終了日があります。"))
        if start and end and end < start:
            self.add_error("service_end", _("利用終了日は利用開始日以降にしてください。"))
        if data.get("plan_type") == PlanType.CONSULTATION and not (
            data.get("consultation_office") or data.get("consultation_contact")
        ):
            self.add_error(
                "consultation_contact",
                _("計画相談の場合は相談支援事業所か連絡先を入力してください。"),
            )
        return data


class EmploymentForm(OfficeForm):
    class Meta:
        model = Employment
        fields = [
            "employer_name",
            "employer",
            "job_title",
            "weekly_hours",
            "hired_on",
            "left_on",
            "end_unknown",
            "leave_reason",
            "leave_note",
        ]

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        limit_choices(
            self, "employer", Partner.objects.for_office(office).filter(kind=PartnerKind.EMPLOYER)
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        hired, left = data.get("hired_on"), data.get("left_on")
        if hired and left and left < hired:
            self.add_error("left_on", _("離職日は就職日以降にしてください。"))
        if left and data.get("end_unknown"):
            self.add_error("end_unknown", _("離職日を入力した場合は「不明」を外してください。"))
        if left and not data.get("leave_reason"):
            self.add_error("leave_reason", _("離職日がある場合は離職理由を選んでください。"))
        return data


class ContactForm(OfficeForm):
    class Meta:
        model = Contact
        fields = [
            "day",
            "channel",
            "with_whom",
            "partner",
            "face_to_face",
            "minutes",
            "notes",
            "next_step",
        ]

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        limit_choices(self, "channel", Channel.objects.for_office(office).filter(active=True))
        if not self.is_bound:
            self.initial.setdefault("day", date.today())

    def clean_day(self) -> date:
        return recorded_day(self.cleaned_data["day"])


class MeetingForm(OfficeForm):
    class Meta:
        model = Meeting
        fields = ["day", "kind", "attendees", "notes"]
        widgets = {"day": DateInput(), "attendees": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("day", date.today())

    def clean_day(self) -> date:
        return recorded_day(self.cleaned_data["day"])


class ReportForm(OfficeForm):
    class Meta:
        model = MonthlyReport
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}


class NewReportForm(forms.Form):
    month = forms.CharField(
        label=_("対象月"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("例: 2025-05"),
    )

    def clean_month(self) -> date:
        text = self.cleaned_data["month"].strip()
        try:
            year, month = (int(part) for part in text.split("-"))
            return date(year, month, 1)
        except ValueError:
            raise forms.ValidationError(
                _("「%(value)s」は年月として読めません(例: 2025-05)。"), params={"value": text}
            ) from None


class ShareForm(OfficeForm):
    class Meta:
        model = ReportShare
        fields = ["recipient_kind", "recipient_name", "consent", "shared_on", "method"]

    def __init__(self, *args: Any, office: Office, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        consent = limit_choices(
            self, "consent", Consent.objects.for_office(office).filter(person=person)
        )
        consent.help_text = _("本人以外に共有する場合は、支援レポートを含む有効な同意が必要です。")
        if not self.is_bound:
            self.initial.setdefault("shared_on", date.today())
            self.initial.setdefault("recipient_kind", WithWhom.PERSON)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, consent = data.get("recipient_kind"), data.get("consent")
        day = data.get("shared_on")
        if kind and kind != WithWhom.PERSON:
            if consent is None:
                self.add_error("consent", _("本人以外への共有には本人の同意が必要です。"))
            elif Category.REPORTS not in consent.categories:
                self.add_error("consent", _("この同意は支援レポートの提供を含みません。"))
            elif day and not consent.active_on(day):
                self.add_error("consent", _("この同意は共有日に有効ではありません(撤回済みなど)。"))
        return data


class HandoverForm(OfficeForm):
    class Meta:
        model = HandoverProfile
        fields = [
            "source_organisation",
            "work_experience",
            "strengths",
            "health_and_work_style",
            "communication",
            "task_performance",
            "self_check",
            "support_agencies",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "work_experience",
                "strengths",
                "health_and_work_style",
                "communication",
                "task_performance",
                "self_check",
                "support_agencies",
            )
        }


class HandoverImportForm(forms.Form):
    file = forms.FileField(
        label=_("就労パスポートのファイル(当事業所の様式、.csv または .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class ConsentForm(OfficeForm):
    categories = forms.MultipleChoiceField(
        label=_("情報の種類"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Consent
        fields = ["purpose", "recipient", "categories", "given_on"]

    def clean_given_on(self) -> date:
        return recorded_day(self.cleaned_data["given_on"])


class RevokeForm(forms.Form):
    revoked_on = forms.DateField(label=_("撤回日"), widget=DateInput())


class DisclosureForm(OfficeForm):
    categories = forms.MultipleChoiceField(
        label=_("情報の種類"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Disclosure
        fields = ["kind", "consent", "recipient", "categories", "disclosed_on", "note"]

    def __init__(self, *args: Any, office: Office, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        limit_choices(self, "consent", Consent.objects.for_office(office).filter(person=person))
        if not self.is_bound:
            self.initial.setdefault("disclosed_on", date.today())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        consent, day = data.get("consent"), data.get("disclosed_on")
        wanted = set(data.get("categories") or [])
        if consent is not None and day is not None:
            if not consent.active_on(day):
                self.add_error("consent", _("この同意は提供日に有効ではありません(撤回済みなど)。"))
            missing = wanted - set(consent.categories)
            if missing:
                labels = dict(Category.choices)
                self.add_error(
                    "categories",
                    _("同意に含まれない情報です: %(names)s")
                    % {"names": "、".join(str(labels[m]) for m in sorted(missing))},
                )
        return data


class PartnerForm(OfficeForm):
    class Meta:
        model = Partner
        fields = ["kind", "name", "contact_person", "site", "phone", "email", "notes"]


class PersonPartnerForm(OfficeForm):
    class Meta:
        model = PersonPartner
        fields = ["partner", "role"]


class RoleAssignmentForm(OfficeForm):
    class Meta:
        model = RoleAssignment
        fields = ["partner", "who", "note"]


class ChannelForm(OfficeForm):
    class Meta:
        model = Channel
        fields = ["label"]


class StaffForm(forms.Form):
    username = forms.CharField(label=_("ユーザー名"), max_length=150)
    role = forms.ChoiceField(label=_("役割"), choices=Role.choices)
    job_coach_trained = forms.BooleanField(label=_("職場適応援助者養成研修修了"), required=False)

    def clean_username(self) -> str:
        name: str = self.cleaned_data["username"].strip()
        if not get_user_model().objects.filter(username=name).exists():
            raise forms.ValidationError(_("そのユーザー名のアカウントはありません。"))
        return name


class OfficeSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Office
        fields = [
            "name",
            "area_grade",
            "integrated_offices",
            "designated_on",
            "handover_policy",
            "handover_lead",
            "special_area",
            "staffing_shortage_since",
        ]
        widgets = {"designated_on": DateInput(), "staffing_shortage_since": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            "handover_lead",
            get_user_model().objects.filter(office_memberships__office=self.instance),
        )


class OtpForm(forms.Form):
    token = forms.CharField(
        label=_("確認コード(6桁)"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
