"""Hand-over profile (就労パスポート sections), consent, and disclosures gated on consent."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from teichaku.practice import passport_file
from teichaku.practice.handover import PASSPORT_SECTIONS, completeness
from teichaku.web.offices import actions, clock, services
from teichaku.web.offices.context import OfficeContext, office_view
from teichaku.web.offices.forms import (
    ConsentForm,
    DisclosureForm,
    HandoverForm,
    HandoverImportForm,
    RevokeForm,
)
from teichaku.web.offices.models import Consent, Disclosure, Person
from teichaku.web.offices.models.handover import Category
from teichaku.web.offices.permissions import Action
from teichaku.web.offices.views.common import form_page, new_row_page, page
from teichaku.web.uploads import read_upload


@office_view(Action.VIEW_PERSON)
def handover(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    p = ctx.view_person(person_id, viewed="handover")
    day = clock.today()
    profile = actions.ensure_handover(ctx, p)
    sections = profile.sections()
    return page(
        request,
        ctx,
        "offices/handover.html",
        person=p,
        profile=profile,
        sections=[(label, sections[key]) for key, label in PASSPORT_SECTIONS],
        completeness=completeness(sections),
        consents=Consent.objects.for_office(ctx.office).filter(person=p),
        disclosures=Disclosure.objects.for_office(ctx.office).filter(person=p),
        period=services.service_period_of(p, day),
        today=day,
    )


@office_view(Action.EDIT_PERSON)
def handover_edit(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    p = ctx.view_person(person_id, viewed="handover_edit")
    profile = actions.ensure_handover(ctx, p)
    form = HandoverForm(request.POST or None, instance=profile, office=ctx.office)
    if request.method == "POST" and form.is_valid():
        actions.save_owned(ctx, form.instance, "handover", person=p, form=form, person_id=p.pk)
        messages.success(request, _("引き継ぎ情報を保存しました。"))
        return redirect("offices:handover", person_id=p.public_id)
    intro = _("就労パスポート(厚生労働省)の項目です。配慮してほしいことは3〜5の項目に書きます。")
    return form_page(
        request, ctx, form, _("引き継ぎ情報の編集"), "offices:people", person=p, intro=intro
    )


def handover_consent(ctx: OfficeContext, person: Person) -> Consent | None:
    """The person's consent, active today, that covers the hand-over information."""
    day = clock.today()
    for consent in Consent.objects.for_office(ctx.office).filter(person=person):
        if consent.active_on(day) and Category.HANDOVER in consent.categories:
            found: Consent = consent
            return found
    return None


@office_view(Action.EDIT_PERSON)
def handover_import(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    """Import the 就労パスポート from our template file: all or nothing, under consent."""
    p = ctx.view_person(person_id, viewed="handover_import")
    consent = handover_consent(ctx, p)
    form = HandoverImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        if consent is None:
            problems = [
                _(
                    "引き継ぎ情報(就労パスポート)を含む、今日有効な本人の同意がありません。"
                    "先に同意を記録してください。"
                )
            ]
            status = 403
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            name = upload.name or ""
            try:
                imported = passport_file.read_file(read_upload(upload), name)
            except passport_file.PassportFileError as error:
                problems = error.problems
                status = 400
            else:
                fmt = "xlsx" if name.lower().endswith(".xlsx") else "csv"
                actions.import_handover(ctx, p, imported, fmt)
                messages.success(
                    request,
                    _("就労パスポートを取り込みました(%(items)d項目、未記入%(blank)d項目)。")
                    % {"items": imported.items, "blank": imported.blank},
                )
                return redirect("offices:handover", person_id=p.public_id)
    response = page(
        request,
        ctx,
        "offices/handover_import.html",
        person=p,
        form=form,
        consent=consent,
        problems=problems,
        origin=getattr(request.FILES.get("file"), "name", ""),
    )
    response.status_code = 400 if form.errors and status == 200 else status
    return response


def _template(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@office_view(Action.EDIT_PERSON)
def handover_template_csv(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    """The empty template (no personal data)."""
    return _template(
        passport_file.template_csv(), "text/csv; charset=utf-8", "shuro-passport-template.csv"
    )


@office_view(Action.EDIT_PERSON)
def handover_template_xlsx(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    return _template(
        passport_file.template_xlsx(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "shuro-passport-template.xlsx",
    )


@office_view(Action.MANAGE_CONSENT)
def consent_new(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    p = ctx.view_person(person_id, viewed="consent_new")
    return new_row_page(
        request,
        ctx,
        ConsentForm(request.POST or None, office=ctx.office),
        p,
        kind="consent",
        title=_("同意の記録"),
        saved=_("同意を記録しました。"),
        then=reverse("offices:handover", kwargs={"person_id": p.public_id}),
        intro=_("要配慮個人情報の第三者提供には、本人の事前の同意と提供の記録が必要です。"),
        person_id=p.pk,
        recorded_by=ctx.user,
    )


@office_view(Action.MANAGE_CONSENT)
def consent_revoke(request: HttpRequest, ctx: OfficeContext, consent_id: UUID) -> HttpResponse:
    consent = ctx.get(Consent, consent_id)
    p = ctx.view_person(consent.person.public_id, viewed="consent_revoke")
    form = RevokeForm(request.POST or None, initial={"revoked_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        day = form.cleaned_data["revoked_on"]
        if day < consent.given_on:
            form.add_error("revoked_on", _("撤回日は同意日以降にしてください。"))
        else:
            actions.revoke_consent(ctx, consent, day)
            messages.success(request, _("同意の撤回を記録しました。"))
            return redirect("offices:handover", person_id=p.public_id)
    return form_page(request, ctx, form, _("同意の撤回"), "offices:people", person=p)


@office_view(Action.DISCLOSE)
def disclosure_new(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    p = ctx.view_person(person_id, viewed="disclosure_new")
    intro = _(
        "支援終了後も支援が必要な方の情報は、同意を得て終了の3か月前までに関係機関と共有し、"
        "記録を残します(支援体制構築未実施減算)。"
    )
    return new_row_page(
        request,
        ctx,
        DisclosureForm(request.POST or None, office=ctx.office, person=p),
        p,
        kind="disclosure",
        title=_("情報提供の記録"),
        saved=_("情報提供を記録しました。"),
        then=reverse("offices:handover", kwargs={"person_id": p.public_id}),
        intro=intro,
        person_id=p.pk,
        recorded_by=ctx.user,
    )
