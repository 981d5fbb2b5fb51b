"""Forms of the office app. Every choice of another row is limited to the current office."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teichaku.practice.consent import ShareProblem, disclosure_problems, share_problem
from teichaku.practice.contacts import WITH_WHOM
from teichaku.practice.report_draft import SECTION_KEYS
from teichaku.web.offices import clock
from teichaku.web.offices.formtools import (
    Corrected,
    DateInput,
    check_dates,
    limit_choices,
    limit_staff_choices,
)
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
    OfficeSituation,
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


class OfficeForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form whose related choices come only from `office`, whose dates are checked
    against the sane range, and whose `dated_today` fields start at today."""

    happened: tuple[str, ...] = ()  # days on which something happened: today or earlier
    dated_today: tuple[str, ...] = ()  # fields whose empty form shows today

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
        if not self.is_bound:
            for name in self.dated_today:
                self.initial.setdefault(name, clock.today())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_dates(self, self.happened)
        return data


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
            "special_area_resident",
            "continued_support",
            "copay_cap_managed",
        ]

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        limit_choices(
            self,
            "consultation_office",
            Partner.objects.for_office(office).filter(kind=PartnerKind.CONSULTATION),
        )
        # The read-only 監査担当 supports no one: not offered as 担当職員.
        limit_staff_choices(self, "staff_in_charge", office, exclude_roles=(Role.AUDITOR,))

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


class EmploymentForm(Corrected, OfficeForm):
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
        self.ask_reason()

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


class ContactForm(Corrected, OfficeForm):
    class Meta:
        model = Contact
        fields = ["day", "channel", "with_whom", "partner", "minutes", "notes", "next_step"]

    happened = dated_today = ("day",)
    with_whom = forms.MultipleChoiceField(
        label=_("相手"),
        choices=WithWhom.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("複数選べます(例: 本人と上司の三者面談は「本人」と「企業」)。"),
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        channels = Channel.objects.for_office(office).filter(active=True)
        if self.instance.pk is not None:  # a retired method stays possible on its old contacts
            channels = channels | Channel.objects.for_office(office).filter(
                pk=self.instance.channel_id
            )
        field = limit_choices(self, "channel", channels)
        field.help_text = _(
            "対面かどうかは方法で決まります(職場訪問・家庭訪問・事業所での面談など)。"
        )
        self.ask_reason()

    def clean_with_whom(self) -> list[str]:
        chosen = set(self.cleaned_data.get("with_whom") or ())
        return [key for key in WITH_WHOM if key in chosen]


class MeetingForm(Corrected, OfficeForm):
    class Meta:
        model = Meeting
        fields = ["day", "kind", "attendees", "notes"]
        widgets = {"attendees": forms.Textarea(attrs={"rows": 3})}

    happened = dated_today = ("day",)

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        self.ask_reason()


class ReportForm(Corrected, OfficeForm):
    """A draft is written freely (its before/after are still kept); once the report has been
    shared, an edit is a correction and asks why."""

    class Meta:
        model = MonthlyReport
        fields = list(SECTION_KEYS)
        widgets = {key: forms.Textarea(attrs={"rows": 5}) for key in SECTION_KEYS}
        help_texts = {
            "work": _("勤務先、職務、勤務時間、勤務の様子"),
            "life": _("生活リズム、体調、通勤、余暇など"),
            "issues": _("本人・企業と共有する課題(支援計画の目標との関係)"),
            "support": _("この月に行った支援(日付・方法・相手)とその内容"),
            "next_month": _("次月に予定している支援や確認すること"),
        }

    def __init__(self, *args: Any, office: Office, shared: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        if shared:
            self.ask_reason()


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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_dates(self)
        return data


SHARE_PROBLEMS = {
    ShareProblem.MISSING: _("本人以外への共有には本人の同意が必要です。"),
    ShareProblem.NO_REPORTS: _("この同意は支援レポートの提供を含みません。"),
    ShareProblem.INACTIVE: _("この同意は共有日に有効ではありません(撤回済みなど)。"),
}


class ShareForm(OfficeForm):
    class Meta:
        model = ReportShare
        fields = ["recipient_kind", "recipient_name", "consent", "shared_on", "method"]

    dated_today = ("shared_on",)

    def __init__(self, *args: Any, office: Office, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        consent = limit_choices(
            self, "consent", Consent.objects.for_office(office).filter(person=person)
        )
        consent.help_text = _("本人以外に共有する場合は、支援レポートを含む有効な同意が必要です。")
        if not self.is_bound:
            self.initial.setdefault("recipient_kind", WithWhom.PERSON)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, consent = data.get("recipient_kind"), data.get("consent")
        if kind:
            problem = share_problem(
                to_person=kind == WithWhom.PERSON,
                consent=None if consent is None else consent.facts(),
                day=data.get("shared_on"),
            )
            if problem is not None:
                self.add_error("consent", SHARE_PROBLEMS[problem])
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

    happened = ("given_on",)


class RevokeForm(forms.Form):
    revoked_on = forms.DateField(label=_("撤回日"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_dates(self)
        return data


class DisclosureForm(OfficeForm):
    categories = forms.MultipleChoiceField(
        label=_("情報の種類"), choices=Category.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Disclosure
        fields = ["kind", "consent", "recipient", "categories", "disclosed_on", "note"]

    dated_today = ("disclosed_on",)

    def __init__(self, *args: Any, office: Office, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        limit_choices(self, "consent", Consent.objects.for_office(office).filter(person=person))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        consent, day = data.get("consent"), data.get("disclosed_on")
        if consent is not None and day is not None:
            found = disclosure_problems(consent.facts(), day, data.get("categories") or [])
            if found.inactive:
                self.add_error("consent", _("この同意は提供日に有効ではありません(撤回済みなど)。"))
            if found.missing:
                labels = dict(Category.choices)
                self.add_error(
                    "categories",
                    _("同意に含まれない情報です: %(names)s")
                    % {"names": "、".join(str(labels[m]) for m in found.missing)},
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

    def __init__(self, *args: Any, office: Office, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        self.person = person

    def clean_partner(self) -> Partner:
        partner: Partner = self.cleaned_data["partner"]
        links = PersonPartner.objects.for_office(self.office)
        if links.filter(person=self.person, partner=partner).exists():
            raise forms.ValidationError(_("この連携先はすでに登録されています。"))
        return partner


class RoleAssignmentForm(OfficeForm):
    class Meta:
        model = RoleAssignment
        fields = ["partner", "who", "note"]


class ChannelForm(OfficeForm):
    class Meta:
        model = Channel
        fields = ["label", "face_to_face"]


class StaffForm(forms.Form):
    email = forms.EmailField(label=_("メールアドレス"), max_length=254)
    role = forms.ChoiceField(label=_("役割"), choices=Role.choices)
    job_coach_trained = forms.BooleanField(label=_("職場適応援助者養成研修修了"), required=False)


class OfficeSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Office
        fields = [
            "name",
            "contact",
            "area_grade",
            "integrated_offices",
            "designated_on",
            "handover_policy",
            "handover_lead",
            "retention_record",
            "staffing_shortage_since",
            "staffing_shortage_size",
            "treatment_improvement",
        ]
        widgets = {"designated_on": DateInput(), "staffing_shortage_since": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_staff_choices(self, "handover_lead", self.instance, exclude_roles=(Role.AUDITOR,))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_dates(self)
        return data


class SituationForm(OfficeForm):
    """A situation that reduces the reward; its days stand for their months (the 1st kept)."""

    class Meta:
        model = OfficeSituation
        fields = ["kind", "since", "until", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        for name in ("since", "until"):  # a month picker; a whole day is read too
            field = self.fields[name]
            field.widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
            field.input_formats = ["%Y-%m", "%Y-%m-%d"]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("since", "until"):
            if isinstance(data.get(name), date):
                data[name] = data[name].replace(day=1)
        since, until = data.get("since"), data.get("until")
        if isinstance(since, date) and isinstance(until, date) and until < since:
            self.add_error("until", _("解消した月は始まった月より前にできません。"))
        return data
