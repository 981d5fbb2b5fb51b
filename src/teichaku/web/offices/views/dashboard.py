"""The office dashboard: alerts, the 就労定着率 and reward for this and next fiscal year,
the people behind the numbers, and a what-if."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse

from teichaku.practice.alerts import AlertKind
from teichaku.practice.months import fiscal_year_of
from teichaku.practice.scenarios import leaves
from teichaku.web.offices import audit, clock, services
from teichaku.web.offices.context import OfficeContext, office_view
from teichaku.web.offices.models import Person
from teichaku.web.offices.permissions import Action
from teichaku.web.offices.views.common import page


@office_view(Action.VIEW_DASHBOARD)
def dashboard(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    day = clock.today()
    everyone = list(Person.objects.for_office(ctx.office))
    people = {str(p.public_id): p for p in everyone}
    bad = services.bad_dates(ctx.office, day)
    alerts = services.dashboard_alerts(ctx.office, day)
    groups = [
        (kind, [(a, people[a.person_id]) for a in alerts if a.kind is kind]) for kind in AlertKind
    ]
    rates = [
        (view, [(o, people.get(o.person_id)) for o in view.rate.people])
        for view in services.this_and_next(ctx.office, day)
    ]
    audit.record(ctx, "view", "dashboard", ctx.office.public_id)
    return page(
        request,
        ctx,
        "offices/dashboard.html",
        today=day,
        groups=groups,
        alert_count=len(alerts),
        people=sorted(people.values(), key=lambda p: p.display_name),
        rates=rates,
        bad_dates=[(p, bad[p.pk]) for p in everyone if p.pk in bad],
        show_people=ctx.may(Action.VIEW_PERSON),
        policy_missing=not (ctx.office.handover_policy.strip() and ctx.office.handover_lead_id),
    )


@office_view(Action.VIEW_PERSON)
def what_if(request: HttpRequest, ctx: OfficeContext, person_id: UUID) -> HttpResponse:
    """The rate and reward if this person's job ended today."""
    person = ctx.view_person(person_id, viewed="what_if")
    day = clock.today()
    base = services.rate_people(ctx.office, day)
    pid = str(person.public_id)
    known = any(p.person_id == pid for p in base)
    years = (fiscal_year_of(day), fiscal_year_of(day) + 1)
    rows = []
    for fy in years:
        before = services.rate_view(ctx.office, fy, day, base)
        after = services.rate_view(ctx.office, fy, day, leaves(base, pid, day)) if known else None
        rows.append((fy, before, after))
    return page(
        request, ctx, "offices/what_if.html", person=person, rows=rows, known=known, today=day
    )


@office_view(Action.EXPORT_PERSON)
def records(request: HttpRequest, ctx: OfficeContext) -> HttpResponse:
    """The office's people as RECORDS for `teichaku retention rate` (opaque ids only)."""
    export = services.records_csv(ctx.office, clock.today())
    audit.record(ctx, "export", "records", ctx.office.public_id, detail="records.csv")
    response = HttpResponse(export.text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="records.csv"'
    return response
