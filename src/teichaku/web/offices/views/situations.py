"""The office's situations that reduce the reward (減算の事由), kept by the 管理者."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from teichaku.web.offices import actions, audit
from teichaku.web.offices.context import OfficeContext, office_view
from teichaku.web.offices.forms import SituationForm
from teichaku.web.offices.models import OfficeSituation
from teichaku.web.offices.permissions import Action
from teichaku.web.offices.views.common import form_page, page

KIND = "office_situation"


@office_view(Action.MANAGE_OFFICE)
def situations(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    """The list, and a new situation recorded from the form under it."""
    form = SituationForm(request.POST or None, office=ctx.office)
    if request.method == "POST" and form.is_valid():
        actions.save_owned(ctx, form.instance, KIND, form=form, recorded_by=ctx.user)
        messages.success(request, _("減算の事由を記録しました。"))
        return redirect("offices:situations")
    rows = OfficeSituation.objects.for_office(ctx.office)
    response = page(request, ctx, "offices/situations.html", form=form, situations=rows)
    if form.errors:
        response.status_code = 400
    return response


@office_view(Action.MANAGE_OFFICE)
def situation_edit(request: HttpRequest, ctx: OfficeContext, situation_id: UUID) -> HttpResponse:
    situation = ctx.get(OfficeSituation, situation_id)
    form = SituationForm(request.POST or None, instance=situation, office=ctx.office)
    if request.method == "POST" and form.is_valid():
        actions.save_owned(ctx, form.instance, KIND, form=form)
        messages.success(request, _("保存しました。"))
        return redirect("offices:situations")
    return form_page(request, ctx, form, _("減算の事由の編集"), "offices:situations")


@office_view(Action.MANAGE_OFFICE)
def situation_delete(request: HttpRequest, ctx: OfficeContext, situation_id: UUID) -> HttpResponse:
    situation = ctx.get(OfficeSituation, situation_id)
    if request.method == "POST":
        audit.record(ctx, "delete", KIND, situation.public_id, detail=situation.kind)
        situation.delete()
        messages.success(request, _("減算の事由を削除しました。"))
        return redirect("offices:situations")
    return page(request, ctx, "offices/situation_delete.html", situation=situation)
