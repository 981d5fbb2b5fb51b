"""The サービス提供実績記録票 of a person and month: print page, PDF and CSV, built by the core
(`teichaku.practice.service_record`) from the month's contacts."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse

from teichaku.cells import csv_row
from teichaku.practice.months import month_end, shift_month
from teichaku.practice.service_record import ServiceRecord, csv_rows, service_record
from teichaku.retention.dates import record_range
from teichaku.web.offices import actions, audit, clock
from teichaku.web.offices.context import OfficeContext, office_view
from teichaku.web.offices.models import Person
from teichaku.web.offices.permissions import Action
from teichaku.web.offices.views.common import page, pdf_response

TEMPLATE = "offices/service_record.html"


def _month(year: int, month: int) -> date:
    """The sheet's month, or 404 for a month that is not one or lies outside an office's dates."""
    try:
        first = date(year, month, 1)
    except ValueError:
        raise Http404 from None
    allowed = record_range(clock.today())
    if first not in allowed and month_end(first) not in allowed:
        raise Http404
    return first


def _sheet(ctx: OfficeContext, person: Person, month: date) -> dict[str, Any]:
    sheet: ServiceRecord = service_record(month, actions.contact_lines(ctx, person, month))
    return {
        "person": person,
        "sheet": sheet,
        "month": month,
        "previous": shift_month(month, -1),
        "following": shift_month(month, 1),
    }


def _name(person: Person, month: date, fmt: str) -> str:
    """Named by the opaque id and the month, never by the person's name."""
    return f"service-record-{person.public_id}-{month:%Y-%m}.{fmt}"


@office_view(Action.VIEW_PERSON)
def service_record_page(
    request: HttpRequest, ctx: OfficeContext, person_id: UUID, year: int, month: int
) -> HttpResponse:
    first = _month(year, month)
    p = ctx.view_person(person_id, viewed="service_record")
    return page(request, ctx, TEMPLATE, **_sheet(ctx, p, first))


@office_view(Action.VIEW_PERSON)
def service_record_pdf(
    request: HttpRequest, ctx: OfficeContext, person_id: UUID, year: int, month: int
) -> HttpResponse:
    first = _month(year, month)
    p = ctx.get(Person, person_id)
    response = pdf_response(request, ctx, TEMPLATE, _name(p, first, "pdf"), **_sheet(ctx, p, first))
    audit.record(ctx, "export", "service_record", p.public_id, person_id=p.public_id, detail="pdf")
    return response


@office_view(Action.EXPORT_PERSON)
def service_record_csv(
    request: HttpRequest, ctx: OfficeContext, person_id: UUID, year: int, month: int
) -> HttpResponse:
    """One row per support (UTF-8 with BOM for Excel); text people typed never runs."""
    first = _month(year, month)
    p = ctx.get(Person, person_id)
    sheet = service_record(first, actions.contact_lines(ctx, p, first))
    rows = csv_rows(
        sheet,
        office_number=ctx.office.number,
        office_name=ctx.office.name,
        person_name=p.display_name,
    )
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(csv_row(row) for row in rows)
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_name(p, first, "csv")}"'
    audit.record(ctx, "export", "service_record", p.public_id, person_id=p.public_id, detail="csv")
    return response
