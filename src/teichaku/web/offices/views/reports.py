"""The monthly 支援レポート: generate from the month's contacts, edit, print, share."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from teichaku.practice.months import month_end
from teichaku.practice.report_draft import SECTION_KEYS
from teichaku.web.offices import actions, audit, clock
from teichaku.web.offices.context import OfficeContext, office_view
from teichaku.web.offices.forms import NewReportForm, ReportForm, ShareForm
from teichaku.web.offices.models import Employment, MonthlyReport, ReportShare
from teichaku.web.offices.permissions import Action
from teichaku.web.offices.views.common import (
    delete_page,
    edit_page,
    form_page,
    new_row_page,
    page,
    pdf_response,
)


@office_view(Action.WRITE_REPORT)
def report_new(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    p = ctx.view_person(person_id, viewed="report_new")
    initial = {"month": request.GET.get("month") or clock.today().strftime("%Y-%m")}
    form = NewReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        report = actions.generate_report(ctx, p, form.cleaned_data["month"])
        return redirect("offices:report_edit", report_id=report.public_id)
    intro = _("その月の支援の記録から下書きを作ります。作成後に編集できます。")
    return form_page(
        request, ctx, form, _("支援レポートの作成"), "offices:people", person=p, intro=intro
    )


def _report(ctx: OfficeContext, report_id: UUID, viewed: str) -> MonthlyReport:
    report = ctx.get(MonthlyReport, report_id)
    ctx.view_person(report.person.public_id, viewed=viewed)
    return report


@office_view(Action.VIEW_PERSON)
def report(request: HttpRequest, ctx: OfficeContext, report_id: UUID) -> HttpResponse:
    r = _report(ctx, report_id, "report")
    shares = ReportShare.objects.for_office(ctx.office).filter(report=r)
    return page(request, ctx, "offices/report.html", report=r, person=r.person, shares=shares)


@office_view(Action.WRITE_REPORT)
def report_edit(request: HttpRequest, ctx: OfficeContext, report_id: UUID) -> HttpResponse:
    r = _report(ctx, report_id, "report_edit")
    shared = ReportShare.objects.for_office(ctx.office).filter(report=r).exists()
    form = ReportForm(request.POST or None, instance=r, office=ctx.office, shared=shared)
    title = _("支援レポート %(year)s年%(month)s月") % {"year": r.month.year, "month": r.month.month}
    then = reverse("offices:report", kwargs={"report_id": r.public_id})
    saved = "" if shared else _("支援レポートを保存しました。")
    intro = _(
        "このレポートは本人と企業に渡します。支援の記録の内容(内部のメモ)や件数は書かず、"
        "相手に伝える言葉で書いてください。"
    )
    return edit_page(
        request,
        ctx,
        form,
        r.person,
        kind="report",
        title=title,
        then=then,
        saved=saved,
        intro=intro,
    )


@office_view(Action.WRITE_REPORT)
def report_delete(request: HttpRequest, ctx: OfficeContext, report_id: UUID) -> HttpResponse:
    """A report made for the wrong month or person; a shared one stays (its sharing is a fact
    the reward rests on)."""
    r = _report(ctx, report_id, "report_delete")
    shared = ReportShare.objects.for_office(ctx.office).filter(report=r).exists()
    refused = (
        _("共有を記録した支援レポートは削除できません。内容は訂正できます。") if shared else ""
    )
    return delete_page(
        request,
        ctx,
        r,
        r.person,
        kind="report",
        names=["month", *SECTION_KEYS],
        title=_("支援レポートの削除"),
        what=f"{r.month.year}-{r.month.month:02d}",
        refused=refused,
    )


def _employers(ctx: OfficeContext, r: MonthlyReport) -> list[str]:
    """The employers of the jobs held in the report's month (named in the 確認欄)."""
    jobs = Employment.objects.for_office(ctx.office).filter(
        person=r.person, hired_on__lte=month_end(r.month)
    )
    return list(
        dict.fromkeys(j.employer_name for j in jobs if j.left_on is None or j.left_on >= r.month)
    )


@office_view(Action.VIEW_PERSON)
def report_print(request: HttpRequest, ctx: OfficeContext, report_id: UUID) -> HttpResponse:
    r = _report(ctx, report_id, "report_print")
    return page(
        request,
        ctx,
        "offices/report_print.html",
        report=r,
        person=r.person,
        employers=_employers(ctx, r),
    )


@office_view(Action.VIEW_PERSON)
def report_pdf(request: HttpRequest, ctx: OfficeContext, report_id: UUID) -> HttpResponse:
    """The print page as a PDF to hand over; audited as an export (not also as a view)."""
    r = ctx.get(MonthlyReport, report_id)
    response = pdf_response(
        request,
        ctx,
        "offices/report_print.html",
        f"report-{r.public_id}.pdf",
        report=r,
        person=r.person,
        employers=_employers(ctx, r),
    )
    audit.record(ctx, "export", "report", r.public_id, person_id=r.person.public_id, detail="pdf")
    return response


@office_view(Action.SHARE_REPORT)
def report_share(request: HttpRequest, ctx: OfficeContext, report_id: UUID) -> HttpResponse:
    r = _report(ctx, report_id, "report_share")
    return new_row_page(
        request,
        ctx,
        ShareForm(request.POST or None, office=ctx.office, person=r.person),
        r.person,
        kind="report_share",
        title=_("支援レポートの共有の記録"),
        saved=_("共有を記録しました。"),
        then=reverse("offices:report", kwargs={"report_id": r.public_id}),
        report=r,
        recorded_by=ctx.user,
    )
