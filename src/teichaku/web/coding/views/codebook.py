"""The codebook page (GET) and its writes, one POST view each: add, edit and delete a
category, replace the codebook from a file, save the coding rules."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from teichaku.coding import CodebookError
from teichaku.coding.rules import RulesError
from teichaku.web.accounts.permissions import Action, may
from teichaku.web.coding import services
from teichaku.web.coding.access import project_for
from teichaku.web.coding.forms import CategoryForm, RulesForm, UploadForm
from teichaku.web.coding.models import CodingProject
from teichaku.web.coding.views.common import read_codebook, say_errors
from teichaku.web.uploads import read_upload, said


def _page(
    request: HttpRequest, project: CodingProject, role: str, status: int = 200, **forms: Any
) -> HttpResponse:
    return render(
        request,
        "coding/codebook.html",
        {
            "project": project,
            "role": role,
            "can_edit": may(role, Action.ANALYSE),
            "categories": project.categories.all(),
            "upload": forms.get("upload") or UploadForm(),
            "rules_form": forms.get("rules_form") or RulesForm(initial={"rules": project.rules}),
            "category_form": forms.get("category_form") or CategoryForm(),
            "changes": project.changes.select_related("actor")[:50],
        },
        status=status,
    )


@login_required
@require_GET
def codebook(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.VIEW)
    return _page(request, project, role)


@login_required
@require_POST
def add_category(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.ANALYSE)
    form = CategoryForm(request.POST)
    if form.is_valid():
        try:
            services.add_category(project, form.cleaned_data["value"], form.cleaned_data)
        except services.CodingInputError as error:
            form.add_error(None, said(error))
        else:
            messages.success(request, _("カテゴリーを追加しました"))
            return redirect("coding:codebook", token=token)
    return _page(request, project, role, status=400, category_form=form)


@login_required
@require_POST
def edit_category(request: HttpRequest, token: str, category: int) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)
    form = CategoryForm(request.POST)
    if not form.is_valid():  # say which field, keep the page simple
        say_errors(request, form)
        return redirect("coding:codebook", token=token)
    try:
        services.update_category(project, category, form.cleaned_data)
    except services.CodingInputError as error:
        messages.error(request, said(error))
    else:
        messages.success(request, _("カテゴリーを更新しました"))
    return redirect("coding:codebook", token=token)


@login_required
@require_POST
def delete_category(request: HttpRequest, token: str, category: int) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)
    try:
        label = services.delete_category(project, category)
    except services.CodingInputError as error:
        messages.error(request, said(error))
    else:
        messages.success(request, _("カテゴリー「%(l)s」を削除しました") % {"l": label})
    return redirect("coding:codebook", token=token)


@login_required
@require_POST
def upload_codebook(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.ANALYSE)
    upload = UploadForm(request.POST, request.FILES)
    if upload.is_valid():
        file = upload.cleaned_data["file"]
        try:
            services.replace_codebook(
                project, read_codebook(read_upload(file), file.name, project.question)
            )
        except (CodebookError, ValueError) as error:
            upload.add_error("file", said(error))
        else:
            messages.success(request, _("コードブックを更新しました"))
            return redirect("coding:codebook", token=token)
    return _page(request, project, role, status=400, upload=upload)


@login_required
@require_POST
def save_rules(request: HttpRequest, token: str) -> HttpResponse:
    project, role = project_for(request, token, Action.ANALYSE)
    form = RulesForm(request.POST)
    if form.is_valid():
        try:
            services.save_rules(project, form.cleaned_data["rules"])
        except RulesError as error:
            form.add_error("rules", said(error))
        else:
            messages.success(request, _("ルールを保存しました"))
            return redirect("coding:codebook", token=token)
    return _page(request, project, role, status=400, rules_form=form)
