"""Form helpers of the office app: the date widget, the sane-range check of dates,
narrowing a choice field to the office's rows (its staff by 氏名), and the reason asked for
a correction or deletion."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from teichaku.retention.dates import record_range
from teichaku.web.offices import clock


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def check_dates(form: forms.BaseForm, happened: tuple[str, ...] = ()) -> None:
    """Refuse, field by field, a date outside the sane range of an office record
    (`retention.dates.record_range`); the `happened` fields must also be today or earlier."""
    today = clock.today()
    for name, value in list(form.cleaned_data.items()):
        if not isinstance(value, date):
            continue
        if name in happened and value > today:
            form.add_error(name, _("未来の日付は記録できません。"))
            continue
        sane = record_range(today, happened=name in happened)
        if value not in sane:
            params = {
                "field": form.fields[name].label,
                "first": sane.first.isoformat(),
                "last": sane.last.isoformat(),
                "value": value.isoformat(),
            }
            form.add_error(
                name,
                _("「%(field)s」は%(first)sから%(last)sまでの日付にしてください(入力: %(value)s)。")
                % params,
            )


def limit_choices(
    form: forms.BaseForm, name: str, queryset: QuerySet[Any]
) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    """Narrow a model-choice field of `form` to `queryset`; returns the field."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    return field


def limit_staff_choices(
    form: forms.BaseForm, name: str, office: Any, *, exclude_roles: tuple[str, ...] = ()
) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    """Narrow a user field of `form` to the office's staff (but `exclude_roles`), each shown by
    their 氏名, never by their login id."""
    from django.contrib.auth import get_user_model

    from teichaku.web.accounts.names import display_name
    from teichaku.web.offices.models import Role

    # One filter() call: the office and the role are of the same membership.
    roles = [role for role in Role.values if role not in exclude_roles]
    staff = get_user_model().objects.filter(
        office_memberships__office=office, office_memberships__role__in=roles
    )
    field = limit_choices(form, name, staff.distinct().order_by("first_name", "pk"))
    field.label_from_instance = display_name  # type: ignore[method-assign,assignment]
    return field


class Corrected:
    """An edit of a kept record asks why: the `reason` field, required, last on the form,
    shown only when the row already exists. The reason goes to the audit entry."""

    fields: dict[str, forms.Field]
    instance: Any

    def ask_reason(self) -> None:
        if self.instance.pk is not None:
            self.fields["reason"] = reason_field()


def reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("訂正・削除の理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("履歴に残り、利用者の記録の画面に表示されます。"),
    )


class ReasonForm(forms.Form):
    """Deleting a record: only the reason."""

    reason = reason_field()
