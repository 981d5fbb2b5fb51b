"""People: list, record, edit, employment episodes, and the whole-record export."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from teichaku.practice.alerts import person_alerts
from teichaku.practice.contacts import ContactFact, month_status
from teichaku.practice.handover import ROLE_AREAS, completeness, role_gaps
from teichaku.practice.months import fiscal_year_of, month_of, shift_month
from teichaku.practice.plans import next_review_due
from teichaku.retention.loader import rule_set_for_fiscal_year
from teichaku.retention.periods import eligibility
from teichaku.web.offices import actions, audit, clock, corrections, services
from teichaku.web.offices.context import OfficeContext, office_view
from teichaku.web.offices.forms import EmploymentForm, PersonForm
from teichaku.web.offices.models import (
    Consent,
    Contact,
    Disclosure,
    Employment,
    HandoverProfile,
    Meeting,
    MonthlyReport,
    Person,
    PersonPartner,
    PlanReview,
    ReportShare,
    RoleAssignment,
    SupportPlan,
)
from teichaku.web.offices.models.people import PlanType
from teichaku.web.offices.permissions import Action
from teichaku.web.offices.views.common import (
    delete_page,
    edit_page,
    form_page,
    new_row_page,
    page,
)


@office_view(Action.VIEW_PERSON)
def people(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    rows = list(Person.objects.for_office(ctx.office))
    audit.record(ctx, "view", "person_list", ctx.office.public_id, detail=f"{len(rows)}")
    return page(request, ctx, "offices/people.html", people=rows)


@office_view(Action.EDIT_PERSON)
def person_new(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    form = PersonForm(request.POST or None, office=ctx.office)
    if request.method == "POST" and form.is_valid():
        person = actions.save_owned(ctx, form.instance, "person", form=form)
        assert isinstance(person, Person)
        messages.success(request, _("利用者を登録しました。"))
        return redirect("offices:person", person_id=person.public_id)
    return form_page(request, ctx, form, _("利用者の登録"), "offices:people")


@office_view(Action.VIEW_PERSON)
def person(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    p = ctx.view_person(person_id, viewed="record")
    office = ctx.office
    day = clock.today()
    jobs = list(Employment.objects.for_office(office).filter(person=p))
    contacts = list(
        Contact.objects.for_office(office).filter(person=p).select_related("channel", "staff")
    )
    facts = [ContactFact(c.day, c.face_to_face, tuple(c.with_whom)) for c in contacts]
    reports = list(MonthlyReport.objects.for_office(office).filter(person=p))
    shares = ReportShare.objects.for_office(office).filter(report__person=p)
    shared_months = {s.report_id for s in shares}
    profile = HandoverProfile.objects.for_office(office).filter(person=p).first()
    roles = {r.area: r for r in RoleAssignment.objects.for_office(office).filter(person=p)}
    all_facts = services.person_facts(office, day)
    rule = rule_set_for_fiscal_year(fiscal_year_of(day)).retention
    bad = services.bad_dates(office, day).get(p.pk, [])
    facts_of_p = all_facts.get(str(p.public_id))
    current = next((j for j in reversed(jobs) if j.left_on is None), None)
    plan = services.plan_in_force(office, p, day)
    plan_due = None
    if plan is not None:
        reviews = PlanReview.objects.for_office(office).filter(plan=plan)
        plan_due = next_review_due(services.plan_facts(plan, reviews))
    return page(
        request,
        ctx,
        "offices/person.html",
        person=p,
        jobs=jobs,
        contacts=contacts[:50],
        contact_count=len(contacts),
        meetings=Meeting.objects.for_office(office).filter(person=p),
        status=month_status(facts, month_of(day), day),
        this_month=month_of(day),
        last_month=shift_month(month_of(day), -1),
        reports=[(r, r.pk in shared_months) for r in reports],
        profile=profile,
        completeness=completeness(profile.sections() if profile else {}),
        consents=Consent.objects.for_office(office).filter(person=p),
        disclosures=Disclosure.objects.for_office(office).filter(person=p),
        partners=PersonPartner.objects.for_office(office)
        .filter(person=p)
        .select_related("partner"),
        self_plan=p.plan_type == PlanType.SELF_PLAN,
        role_rows=[(key, label, roles.get(key)) for key, label in ROLE_AREAS],
        role_gaps=role_gaps({k: r.covered for k, r in roles.items()}),
        alerts=person_alerts(facts_of_p, day, rule) if facts_of_p else [],
        eligibility=eligibility(current.hired_on) if current and not bad else None,
        period=services.service_period_of(p, day),
        bad_dates=bad,
        today=day,
        plan=plan,
        plan_due=plan_due,
        other_plans=SupportPlan.objects.for_office(office)
        .filter(person=p)
        .exclude(pk=plan.pk if plan else None),
        history=corrections.history(ctx, p),
    )


@office_view(Action.EDIT_PERSON)
def person_edit(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    p = ctx.view_person(person_id, viewed="edit")
    form = PersonForm(request.POST or None, instance=p, office=ctx.office)
    if request.method == "POST" and form.is_valid():
        actions.save_owned(ctx, form.instance, "person", person=p, form=form)
        messages.success(request, _("保存しました。"))
        return redirect("offices:person", person_id=p.public_id)
    return form_page(request, ctx, form, _("利用者情報の編集"), "offices:people", person=p)


@office_view(Action.EDIT_PERSON)
def employment_new(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    p = ctx.view_person(person_id, viewed="employment_new")
    return new_row_page(
        request,
        ctx,
        EmploymentForm(request.POST or None, office=ctx.office),
        p,
        kind="employment",
        title=_("雇用の記録"),
        saved=_("雇用を記録しました。"),
        then=reverse("offices:person", kwargs={"person_id": p.public_id}),
        intro=_("転職は元の雇用に離職日を入れたうえで、新しい雇用として記録してください。"),
        person_id=p.pk,
    )


@office_view(Action.EDIT_PERSON)
def employment_edit(request: HttpRequest, ctx: OfficeContext, employment_id: UUID) -> HttpResponse:
    job = ctx.get(Employment, employment_id)
    p = ctx.view_person(job.person.public_id, viewed="employment_edit")
    form = EmploymentForm(request.POST or None, instance=job, office=ctx.office)
    return edit_page(request, ctx, form, p, kind="employment", title=_("雇用の編集"))


@office_view(Action.EDIT_PERSON)
def employment_delete(
    request: HttpRequest, ctx: OfficeContext, employment_id: UUID
) -> HttpResponse:
    """For a job recorded by mistake; a job change is a leave day and a new episode."""
    job = ctx.get(Employment, employment_id)
    p = ctx.view_person(job.person.public_id, viewed="employment_delete")
    return delete_page(
        request,
        ctx,
        job,
        p,
        kind="employment",
        names=list(EmploymentForm.Meta.fields),
        title=_("雇用の記録の削除"),
        what=f"{job.employer_name} {job.hired_on.isoformat()}",
    )


@office_view(Action.EXPORT_PERSON)
def person_export(
    request: HttpRequest, ctx: OfficeContext, person_id: UUID, fmt: str
) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    p = ctx.get(Person, person_id)
    data = actions.export_person(ctx, p, fmt)
    kind = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(data, content_type=kind)
    # The file is named by the opaque id and the day, never by the person's name.
    name = f"person-{p.public_id}-{clock.today().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
