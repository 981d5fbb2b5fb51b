"""Partners (employers, consultation offices, medical, life support) and who covers what."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from teichaku.practice.handover import ROLE_AREAS
from teichaku.web.offices import actions, audit
from teichaku.web.offices.context import OfficeContext, office_view
from teichaku.web.offices.forms import PartnerForm, PersonPartnerForm, RoleAssignmentForm
from teichaku.web.offices.models import Partner, RoleAssignment
from teichaku.web.offices.permissions import Action
from teichaku.web.offices.views.common import form_page, new_row_page, page


@office_view(Action.VIEW_PERSON)
def partners(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    rows = Partner.objects.for_office(ctx.office)
    audit.record(ctx, "view", "partner_list", ctx.office.public_id)
    return page(request, ctx, "offices/partners.html", partners=rows)


@office_view(Action.MANAGE_PARTNERS)
def partner_new(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    form = PartnerForm(request.POST or None, office=ctx.office)
    if request.method == "POST" and form.is_valid():
        actions.save_owned(ctx, form.instance, "partner", form=form)
        messages.success(request, _("連携先を登録しました。"))
        return redirect("offices:partners")
    return form_page(request, ctx, form, _("連携先の登録"), "offices:partners")


@office_view(Action.MANAGE_PARTNERS)
def partner_edit(request: HttpRequest, ctx: OfficeContext, partner_id: UUID) -> HttpResponse:
    partner = ctx.get(Partner, partner_id)
    form = PartnerForm(request.POST or None, instance=partner, office=ctx.office)
    if request.method == "POST" and form.is_valid():
        actions.save_owned(ctx, form.instance, "partner", form=form)
        messages.success(request, _("保存しました。"))
        return redirect("offices:partners")
    return form_page(request, ctx, form, _("連携先の編集"), "offices:partners")


@office_view(Action.EDIT_PERSON)
def person_partner_new(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    p = ctx.view_person(person_id, viewed="partner_link")
    return new_row_page(
        request,
        ctx,
        PersonPartnerForm(request.POST or None, office=ctx.office, person=p),
        p,
        kind="person_partner",
        title=_("関わる機関の追加"),
        saved=_("関わる機関を追加しました。"),
        then=reverse("offices:person", kwargs={"person_id": p.public_id}),
        person_id=p.pk,
    )


@office_view(Action.EDIT_PERSON)
def role_division(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    """The role-division sheet: who covers each area of a (self-plan) person's life."""
    p = ctx.view_person(person_id, viewed="role_division")
    existing = {r.area: r for r in RoleAssignment.objects.for_office(ctx.office).filter(person=p)}
    data = request.POST if request.method == "POST" else None
    forms = [
        (
            key,
            label,
            RoleAssignmentForm(data, prefix=key, instance=existing.get(key), office=ctx.office),
        )
        for key, label in ROLE_AREAS
    ]
    if data is not None and all(form.is_valid() for _k, _l, form in forms):
        rows: dict[str, dict[str, Any]] = {
            key: {name: form.cleaned_data[name] for name in ("partner", "who", "note")}
            for key, _label, form in forms
        }
        actions.save_role_division(ctx, p, rows)
        messages.success(request, _("役割分担表を保存しました。"))
        return redirect("offices:person", person_id=p.public_id)
    response = page(request, ctx, "offices/role_division.html", person=p, forms=forms)
    if data is not None:
        response.status_code = 400
    return response
