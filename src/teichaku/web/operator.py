"""The site operator: made once by `teichaku setup`, creates offices and research teams and
invites each one's first 管理者 / owner by e-mail (here at /operator/, or by the CLI).

The operator is a Django user with `is_superuser=True` and `is_staff=False` (Django's admin
is not installed); every page here is a 404 to anyone else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teichaku.web.accounts.invitations import invite_to_team
from teichaku.web.accounts.models import Role as TeamRole
from teichaku.web.accounts.models import Team
from teichaku.web.accounts.names import display_name
from teichaku.web.library import reviewers as practice_reviewers
from teichaku.web.library.models import Reviewer, ReviewerChange
from teichaku.web.offices import closing
from teichaku.web.offices import invitations as office_invitations
from teichaku.web.offices.actions import set_up_office
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.formtools import DateInput
from teichaku.web.offices.jobs import start_archive
from teichaku.web.offices.models import Office, Role

OFFICE_NUMBER = re.compile(r"[0-9]{10}")


class SetupError(ValueError):
    """The operator cannot be made; the message is for the user."""


def create_operator(username: str, email: str, password: str) -> Any:
    """The one operator account; refused when one exists."""
    users = get_user_model().objects
    if users.filter(is_superuser=True).exists():
        raise SetupError(_("サイト運営者はすでに作成されています。setup は1回だけ実行できます。"))
    user = users.model(username=username, email=email.strip().lower())
    try:
        validate_password(password, user)
    except forms.ValidationError as error:
        raise SetupError(" ".join(error.messages)) from error
    user.set_password(password)
    user.is_superuser, user.is_staff = True, False
    user.save()
    return user


class OfficeForm(forms.ModelForm):  # type: ignore[type-arg]
    admin_email = forms.EmailField(label=gettext_lazy("最初の管理者のメールアドレス"))

    class Meta:
        model = Office
        fields = ["name", "number", "area_grade", "designated_on"]
        widgets = {"designated_on": DateInput()}

    def clean_number(self) -> str:
        number: str = self.cleaned_data["number"].strip()
        if not OFFICE_NUMBER.fullmatch(number):
            raise forms.ValidationError(
                _("事業所番号は半角数字10桁で入力してください（入力: %(value)s）。")
                % {"value": number}
            )
        return number


class TeamForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("チーム名"), max_length=200)
    owner_email = forms.EmailField(label=gettext_lazy("最初のオーナーのメールアドレス"))


@transaction.atomic
def create_office(operator: Any, form: OfficeForm) -> tuple[Office, str]:
    """The office of a valid form, and the e-mailed link inviting its first 管理者."""
    office: Office = form.save()
    ctx = OfficeContext(None, operator, office, "operator")
    set_up_office(ctx)
    _invitation, link = office_invitations.invite(ctx, form.cleaned_data["admin_email"], Role.ADMIN)
    return office, link


@transaction.atomic
def create_team(operator: Any, form: TeamForm) -> tuple[Team, str]:
    team = Team.objects.create(name=form.cleaned_data["name"])
    _invitation, link = invite_to_team(
        team, operator, form.cleaned_data["owner_email"], TeamRole.OWNER
    )
    return team, link


def operator_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (request.user.is_authenticated and request.user.is_superuser):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@operator_only
def overview(request: HttpRequest) -> HttpResponse:
    context = {
        "offices": Office.objects.filter(closed_at__isnull=True).order_by("name"),
        "closed": Office.objects.filter(closed_at__isnull=False).order_by("name"),
        "teams": Team.objects.order_by("name"),
    }
    return render(request, "operator/overview.html", context)


@operator_only
def new_office(request: HttpRequest) -> HttpResponse:
    return _create(request, OfficeForm(request.POST or None), create_office, _("事業所の作成"))


@operator_only
def new_team(request: HttpRequest) -> HttpResponse:
    return _create(request, TeamForm(request.POST or None), create_team, _("研究チームの作成"))


@operator_only
def close_office(request: HttpRequest, office_id: UUID) -> HttpResponse:
    """「事業所の閉鎖」: first the office's archive (a job), then the office number typed."""
    office = Office.objects.filter(public_id=office_id, closed_at__isnull=True).first()
    if office is None:
        raise Http404
    error = ""
    if request.method == "POST" and request.POST.get("step") == "archive":
        job = start_archive(request.user, office, back=request.path)
        return redirect("jobs:job", job_id=job.pk)
    if request.method == "POST":
        try:
            counts = closing.close_office(request.user, office, request.POST.get("number", ""))
        except closing.ClosingRefused as refusal:
            error = str(refusal)
        else:
            messages.success(
                request,
                _("事業所を閉鎖しました(%(rows)d 行を削除)。") % {"rows": sum(counts.values())},
            )
            return redirect("operator:overview")
    context = {
        "office": office,
        "archived": closing.archive_taken(request.user, office),
        "error": error,
    }
    return render(request, "operator/close.html", context, status=400 if error else 200)


class ReviewerForm(forms.Form):
    login = forms.CharField(label=gettext_lazy("ユーザー名またはメールアドレス"), max_length=254)


@operator_only
def practice_reviewers_page(request: HttpRequest) -> HttpResponse:
    """「実践事例の審査者」: grant the role to a user, revoke it; every change recorded."""
    form = ReviewerForm(request.POST if request.POST.get("action") == "grant" else None)
    status = 200
    if request.method == "POST":
        try:
            if form.is_bound:
                if not form.is_valid():
                    raise practice_reviewers.ReviewerRefused(_("入力してください。"))
                user = practice_reviewers.find_user(form.cleaned_data["login"])
                practice_reviewers.grant(user, request.user)
                messages.success(request, _("審査者にしました。"))
            else:
                found = Reviewer.objects.filter(pk=request.POST.get("reviewer") or 0).first()
                if found is None:
                    raise Http404
                practice_reviewers.revoke(found.user, request.user)
                messages.success(request, _("審査者の役割を取り消しました。"))
        except practice_reviewers.ReviewerRefused as refusal:
            form.add_error(None, str(refusal))
            status = 400
        else:
            return redirect("operator:reviewers")
    context = {
        "form": form,
        "reviewers": [
            (r, display_name(r.user))
            for r in Reviewer.objects.select_related("user").order_by("granted_at")
        ],
        "changes": ReviewerChange.objects.all()[:50],
        "command": practice_reviewers.COMMAND,
    }
    return render(request, "operator/reviewers.html", context, status=status)


def _create(request: HttpRequest, form: Any, create: Any, title: str) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            create(request.user, form)
        except office_invitations.InvitationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("作成し、招待メールを送りました。"))
            return redirect("operator:overview")
    status = 400 if form.errors else 200
    return render(request, "operator/form.html", {"form": form, "title": title}, status=status)


app_name = "operator"
urlpatterns = [
    path("", overview, name="overview"),
    path("offices/new/", new_office, name="new_office"),
    path("teams/new/", new_team, name="new_team"),
    path("offices/<uuid:office_id>/close/", close_office, name="close_office"),
    path("reviewers/", practice_reviewers_page, name="reviewers"),
]
