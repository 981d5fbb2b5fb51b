"""Changing codes after coding began, one POST view each: rename and merge a category (on the
codebook page), move one coded answer to another code (on the answer list), and undo the
coder's last coding action. The writes are `web/coding/changes`; every one is audited."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teichaku.web.accounts.permissions import Action
from teichaku.web.coding import changes
from teichaku.web.coding.access import project_for
from teichaku.web.coding.forms import MergeForm, MoveForm, RenameForm
from teichaku.web.coding.models import AnswerItem
from teichaku.web.coding.views.common import me, post_form, say_errors
from teichaku.web.uploads import said


@login_required
@require_POST
def rename_category(request: HttpRequest, token: str, category: int) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)

    def rename(data: dict[str, Any]) -> str:
        renamed = changes.rename(project, category, data["value"], data["label"], me(request))
        return _("名前を「%(l)s」に変えました") % {"l": renamed.label}

    return post_form(request, RenameForm(request.POST), _codebook(token), rename)


@login_required
@require_POST
def merge_category(request: HttpRequest, token: str, category: int) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)

    def merge(data: dict[str, Any]) -> str:
        moved = changes.merge(project, category, data["into"], me(request))
        return _("統合しました（%(n)d 件のコード付けが統合先に移りました）") % {"n": moved}

    return post_form(request, MergeForm(request.POST), _codebook(token), merge)


def _codebook(token: str) -> str:
    return reverse("coding:codebook", args=[token])


@login_required
@require_POST
def move_coding(request: HttpRequest, token: str, position: int) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)
    answer = AnswerItem.objects.filter(project=project, position=position).first()
    if answer is None:
        raise Http404
    form = MoveForm(request.POST)
    back = reverse("coding:answers", args=[token])
    if not form.is_valid():
        say_errors(request, form)
        return redirect(back)
    source, target = form.cleaned_data["source"], form.cleaned_data["target"]
    try:
        changes.move_coding(project, answer, me(request), source, target)
    except ValueError as error:
        messages.error(request, said(error))
        return redirect(back + "?" + urlencode({"code": source}))
    messages.success(
        request, _("回答 #%(n)d を別のコードへ移しました（取り消せます）") % {"n": position}
    )
    return redirect(back + "?" + urlencode({"code": source}))


@login_required
@require_POST
def undo(request: HttpRequest, token: str) -> HttpResponse:
    project, _role = project_for(request, token, Action.ANALYSE)
    try:
        step = changes.undo(project, me(request))
    except ValueError as error:
        messages.error(request, said(error))
        return redirect("coding:answers", token=token)
    messages.success(
        request, _("回答 #%(n)d への操作を取り消しました") % {"n": step.answer.position}
    )
    return redirect("coding:code", token=token, position=step.answer.position)
