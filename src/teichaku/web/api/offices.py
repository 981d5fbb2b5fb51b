"""``/api/v1/offices/<office id>/records``: an office's records.csv (the RECORDS file of
`teichaku retention rate`, opaque ids only). Scope ``offices:export``; the token's owner must
still hold a role that may export in that office (else 403; not a member: 404). Every
download is written to the office's audit log, as on the dashboard."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router

from teichaku.web.api.auth import require
from teichaku.web.api.models import Scope
from teichaku.web.offices import audit, clock, services
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.models import StaffMembership
from teichaku.web.offices.permissions import Action, may

router = Router(tags=["offices"])


@router.get(
    "/{office_id}/records",
    summary="事業所の記録（records.csv） / An office's records.csv",
    response={200: str},
)
def office_records(request: HttpRequest, office_id: str) -> HttpResponse:
    require(request, Scope.OFFICE_EXPORT)
    try:
        key = uuid.UUID(office_id)
    except ValueError:
        raise Http404 from None
    membership = (
        StaffMembership.objects.filter(user__pk=request.user.pk or 0, office__public_id=key)
        .select_related("office")
        .first()
    )
    if membership is None:
        raise Http404
    ctx = OfficeContext(request, request.user, membership.office, membership.role)
    if not may(membership.role, Action.EXPORT_PERSON):
        raise PermissionDenied
    with transaction.atomic():
        export = services.records_csv(ctx.office, clock.today())
        audit.record(ctx, "export", "records", ctx.office.public_id, detail="records.csv (API)")
    response = HttpResponse(export.text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="records.csv"'
    return response
