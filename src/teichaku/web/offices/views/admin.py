"""Office administration: choosing the office, staff, settings, the audit log."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teichaku.web.offices import actions, audit, invitations
from teichaku.web.offices.context import SESSION_OFFICE, OfficeContext, memberships, office_view
from teichaku.web.offices.forms import OfficeSettingsForm, StaffForm
from teichaku.web.offices.jobs import start_archive
from teichaku.web.offices.models import AuditEntry, OfficeInvitation, StaffMembership
from teichaku.web.offices.permissions import Action
from teichaku.web.offices.views.common import form_page, page


@login_required
def select(request: HttpRequest) -> HttpResponse:
    mine = memberships(request.user)
    if request.method == "POST":
        chosen = request.POST.get("office", "")
        if any(str(m.office.public_id) == chosen for m in mine):
            request.session[SESSION_OFFICE] = chosen
            return redirect("offices:dashboard")
        messages.error(request, _("その事業所には所属していません。"))
    return render(request, "offices/select.html", {"memberships": mine})


@office_view(Action.VIEW_AUDIT)
def audit_log(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    entries = AuditEntry.objects.for_office(ctx.office).select_related("actor")
    person = request.GET.get("person", "").strip()
    if person:
        entries = entries.filter(person_id=person)
    pages = Paginator(entries, 100)
    current = pages.get_page(request.GET.get("page"))
    audit.record(ctx, "view", "audit_log", ctx.office.public_id)
    return page(request, ctx, "offices/audit.html", entries=current, person=person)


@office_view(Action.MANAGE_STAFF)
def staff(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    """Members' roles change here; a new member is invited by e-mail and joins on accepting."""
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email, role = form.cleaned_data["email"], form.cleaned_data["role"]
        trained = form.cleaned_data["job_coach_trained"]
        member = (
            StaffMembership.objects.filter(office=ctx.office, user__email__iexact=email)
            .select_related("user")
            .first()
        )
        if member is not None:
            actions.add_staff(ctx, member.user, role, trained)
            messages.success(request, _("職員の役割を保存しました。"))
            return redirect("offices:staff")
        try:
            invitations.invite(ctx, email, role, trained)
        except invitations.InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request, _("招待メールを送りました。本人がリンクから承認すると職員に加わります。")
            )
            return redirect("offices:staff")
    rows = StaffMembership.objects.filter(office=ctx.office).select_related("user")
    pending = OfficeInvitation.objects.for_office(ctx.office).pending().select_related("inviter")
    response = page(
        request, ctx, "offices/staff.html", form=form, memberships=rows, invitations=pending
    )
    if form.errors:
        response.status_code = 400
    return response


@office_view(Action.MANAGE_STAFF)
def staff_remove(request: HttpRequest, ctx: OfficeContext, member_id: int) -> HttpResponse:
    """Remove a member: their access ends on their next request (sessions closed)."""
    member = (
        StaffMembership.objects.filter(office=ctx.office, pk=member_id)
        .select_related("user")
        .first()
    )
    if member is None:
        audit.denied(ctx, "staffmembership")
        raise Http404
    if request.method == "POST":
        try:
            invitations.remove(ctx, member)
        except invitations.InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("職員を削除しました。"))
        return redirect("offices:staff")
    return page(request, ctx, "offices/staff_remove.html", member=member)


@office_view(Action.MANAGE_STAFF)
def invitation_revoke(
    request: HttpRequest, ctx: OfficeContext, invitation_id: UUID
) -> HttpResponse:
    invitation = ctx.get(OfficeInvitation, invitation_id)
    if request.method == "POST":
        try:
            invitations.revoke(ctx, invitation)
        except invitations.InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("招待を取り消しました。"))
        return redirect("offices:staff")
    return page(request, ctx, "offices/invitation_revoke.html", invitation=invitation)


@login_required
@require_POST
def invitation_answer(request: HttpRequest, invitation_id: UUID) -> HttpResponse:
    """The invitee accepts or declines an invitation to their address (anyone else: 404)."""
    choice = request.POST.get("answer", "")
    if choice not in ("accept", "decline"):
        return HttpResponseBadRequest(_("承認か辞退を選んでください。"))
    answered = invitations.answer(request, request.user, invitation_id, accept=choice == "accept")
    if answered is None:
        raise Http404
    if choice == "accept":
        messages.success(request, _("招待を承認しました。"))
        request.session[SESSION_OFFICE] = str(answered.office.public_id)
        return redirect("offices:dashboard")
    messages.success(request, _("招待を辞退しました。"))
    return redirect("home")


@office_view(Action.MANAGE_OFFICE)
def office_settings(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    form = OfficeSettingsForm(request.POST or None, instance=ctx.office)
    if request.method == "POST" and form.is_valid():
        actions.save_office(ctx, form)
        messages.success(request, _("保存しました。"))
        return redirect("offices:dashboard")
    intro = _(
        "サービス管理責任者の欠如、情報公表の未報告、虐待防止措置の未実施は、画面上部の"
        "「減算の事由」で月ごとに記録します。"
    )
    return form_page(
        request,
        ctx,
        form,
        _("事業所の設定"),
        "offices:dashboard",
        intro=intro,
        template="offices/settings.html",
    )


@office_view(Action.MANAGE_OFFICE)
def office_archive(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    """All the office's records as one zip, written as a background job (its page offers it)."""
    if request.method == "POST":
        job = start_archive(ctx.user, ctx.office, back=request.path)
        return redirect("jobs:job", job_id=job.pk)
    return page(request, ctx, "offices/archive.html")
