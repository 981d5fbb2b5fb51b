"""Every write of the office app: one function per change, one transaction that also
writes the audit entry. Views call these; they never save models themselves."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Model

from teichaku.cells import append_row, csv_row
from teichaku.practice.contacts import TABLE13_CHANNELS, face_to_face_channel
from teichaku.practice.months import month_end
from teichaku.practice.passport_file import PassportFile
from teichaku.practice.report_draft import ContactLine, JobLine, draft_report
from teichaku.web.offices import audit
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.models import (
    Channel,
    Consent,
    Contact,
    Employment,
    HandoverProfile,
    MonthlyReport,
    Office,
    OfficeOwned,
    Person,
    Role,
    RoleAssignment,
    StaffMembership,
)
from teichaku.web.offices.services import plan_in_force


def _changed(form: Any) -> str:
    """Which fields changed: names only, never values (the log holds no personal data)."""
    names = getattr(form, "changed_data", []) or []
    return ",".join(sorted(name for name in names if name != "reason"))


@transaction.atomic
def create_office(name: str, number: str, area_grade: str, admin: Any, **extra: Any) -> Office:
    office = Office.objects.create(name=name, number=number, area_grade=area_grade, **extra)
    StaffMembership.objects.create(user=admin, office=office, role=Role.ADMIN)
    set_up_office(OfficeContext(None, admin, office, Role.ADMIN))
    return office


def set_up_office(ctx: OfficeContext) -> None:
    """A new office's first rows, however it was made (here, or by the site operator):
    the contact channels of 表13 and the audit entry of its creation."""
    Channel.objects.bulk_create(
        Channel(
            office=ctx.office,
            key=key,
            label=label,
            position=position,
            face_to_face=face_to_face_channel(key),
        )
        for position, (key, label) in enumerate(TABLE13_CHANNELS)
    )
    audit.record(ctx, "create", "office", ctx.office.public_id)


@transaction.atomic
def save_owned(
    ctx: OfficeContext,
    obj: OfficeOwned,
    object_type: str,
    *,
    person: Person | None = None,
    form: Any = None,
    changes: list[dict[str, str]] | None = None,
    reason: str = "",
    **fields: Any,
) -> OfficeOwned:
    """Create or update one office-owned row (tied to this office) and audit it (with the
    `changes` and `reason` of a correction, see `offices.corrections`)."""
    creating = obj._state.adding
    obj.office = ctx.office
    for name, value in fields.items():
        setattr(obj, name, value)
    _same_office(ctx, obj)
    obj.save()
    if form is not None and hasattr(form, "save_m2m"):
        form.save_m2m()
    audit.record(
        ctx,
        "create" if creating else "update",
        object_type,
        obj.public_id,
        person_id=(person or obj).public_id if person or isinstance(obj, Person) else "",
        detail=_changed(form),
        changes=changes,
        reason=reason,
    )
    return obj


def _same_office(ctx: OfficeContext, obj: Model) -> None:
    """Refuse a row that points at another office's row (defence behind the scoped forms)."""
    for field in obj._meta.concrete_fields:
        target = getattr(field, "related_model", None)
        if target is None or not issubclass(target, OfficeOwned):
            continue
        related = getattr(obj, field.name)
        if related is not None and related.office_id != ctx.office.pk:
            raise PermissionError(f"{field.name}: another office's row")


def contact_lines(ctx: OfficeContext, person: Person, month: date) -> list[ContactLine]:
    """The person's contacts of the month as the core reads them (report draft, 実績記録票)."""
    return [
        ContactLine(
            c.day,
            c.channel.label,
            c.with_whom_labels,
            c.face_to_face,
            c.minutes,
            c.notes,
            c.next_step,
        )
        for c in Contact.objects.for_office(ctx.office)
        .filter(person=person, day__year=month.year, day__month=month.month)
        .select_related("channel")
    ]


@transaction.atomic
def generate_report(ctx: OfficeContext, person: Person, month: date) -> MonthlyReport:
    """The month's report: the existing one, or a new draft written from the month's records
    (its jobs and contacts; never the contacts' notes)."""
    existing = MonthlyReport.objects.for_office(ctx.office).filter(person=person, month=month)
    found: MonthlyReport | None = existing.first()
    if found is not None:
        return found
    jobs = [
        JobLine(j.employer_name, j.job_title, j.weekly_hours, j.hired_on, j.left_on)
        for j in Employment.objects.for_office(ctx.office).filter(person=person)
    ]
    plan = plan_in_force(ctx.office, person, month_end(month))
    draft = draft_report(
        month, contact_lines(ctx, person, month), jobs=jobs, goals=plan.goals() if plan else ()
    )
    report = MonthlyReport(person=person, month=month, created_by=ctx.user, **asdict(draft))
    save_owned(ctx, report, "report", person=person)
    return report


@transaction.atomic
def revoke_consent(ctx: OfficeContext, consent: Consent, day: date) -> None:
    consent.revoked_on = day
    consent.save(update_fields=["revoked_on"])
    audit.record(ctx, "revoke", "consent", consent.public_id, person_id=consent.person.public_id)


@transaction.atomic
def save_role_division(ctx: OfficeContext, person: Person, rows: dict[str, dict[str, Any]]) -> None:
    for area, values in rows.items():
        row = RoleAssignment.objects.for_office(ctx.office).filter(
            person=person, area=area
        ).first() or RoleAssignment(person=person, area=area)
        row.office = ctx.office
        for name, value in values.items():
            setattr(row, name, value)
        _same_office(ctx, row)
        row.save()
    audit.record(ctx, "update", "role_division", person.public_id, person_id=person.public_id)


@transaction.atomic
def add_staff(
    ctx: OfficeContext, user: Any, role: str, job_coach_trained: bool = False
) -> StaffMembership:
    membership, _created = StaffMembership.objects.update_or_create(
        user=user,
        office=ctx.office,
        defaults={"role": role, "job_coach_trained": job_coach_trained},
    )
    detail = f"{role},job_coach" if job_coach_trained else role
    audit.record(ctx, "grant", "membership", user.pk, detail=detail)
    return membership


@transaction.atomic
def save_office(ctx: OfficeContext, form: Any) -> None:
    form.save()
    audit.record(ctx, "update", "office", ctx.office.public_id, detail=_changed(form))


def export_rows(ctx: OfficeContext, person: Person) -> list[tuple[str, list[list[Any]]]]:
    """A person's whole record as sheets of rows (first row: headers)."""
    office = ctx.office

    def fields_of(model: type[Model], exclude: tuple[str, ...] = ()) -> list[str]:
        return [
            f.name for f in model._meta.concrete_fields if f.name not in ("id", "office", *exclude)
        ]

    def sheet(name: str, model: type[Model], rows: Any) -> tuple[str, list[list[Any]]]:
        names = fields_of(model)
        header = [str(getattr(model._meta.get_field(n), "verbose_name", n)) for n in names]
        body = [[_cell(getattr(row, n)) for n in names] for row in rows]
        return name, [header, *body]

    from teichaku.web.offices import models as m

    scoped = {
        "employments": m.Employment.objects.for_office(office).filter(person=person),
        "contacts": m.Contact.objects.for_office(office).filter(person=person),
        "reports": m.MonthlyReport.objects.for_office(office).filter(person=person),
        "plans": m.SupportPlan.objects.for_office(office).filter(person=person),
        "plan_reviews": m.PlanReview.objects.for_office(office).filter(plan__person=person),
        "report_shares": m.ReportShare.objects.for_office(office).filter(report__person=person),
        "handover": m.HandoverProfile.objects.for_office(office).filter(person=person),
        "consents": m.Consent.objects.for_office(office).filter(person=person),
        "disclosures": m.Disclosure.objects.for_office(office).filter(person=person),
        "partners": m.PersonPartner.objects.for_office(office).filter(person=person),
        "role_division": m.RoleAssignment.objects.for_office(office).filter(person=person),
    }
    sheets = [sheet("person", Person, [person])]
    for name, queryset in scoped.items():
        sheets.append(sheet(name, queryset.model, queryset))
    return sheets


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Model):
        return str(getattr(value, "public_id", None) or value)
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return value if isinstance(value, int | float | str | bool) else str(value)


@transaction.atomic
def export_person(ctx: OfficeContext, person: Person, fmt: str) -> bytes:
    """CSV (one file, a section per table) or XLSX (a sheet per table); audited."""
    sheets = export_rows(ctx, person)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for name, rows in sheets:
            writer.writerow([f"# {name}"])
            writer.writerows(csv_row(row) for row in rows)
            writer.writerow([])
        data = ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        for name, rows in sheets:
            ws = book.create_sheet(name)
            for row in rows:
                append_row(ws, row)
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    audit.record(ctx, "export", "person", person.public_id, person_id=person.public_id, detail=fmt)
    return data


@transaction.atomic
def import_handover(
    ctx: OfficeContext, person: Person, imported: PassportFile, fmt: str
) -> HandoverProfile:
    """Replace the sections the file fills (others are kept), in one transaction, audited
    with the section keys and counts only."""
    profile = ensure_handover(ctx, person)
    profile.office = ctx.office
    for key, text in imported.sections.items():
        setattr(profile, key, text)
    _same_office(ctx, profile)
    profile.save()
    audit.record(
        ctx,
        "import",
        "handover",
        profile.public_id,
        person_id=person.public_id,
        detail=f"{fmt};items={imported.items};blank={imported.blank};"
        + ",".join(sorted(imported.sections)),
    )
    return profile


def ensure_handover(ctx: OfficeContext, person: Person) -> HandoverProfile:
    found = HandoverProfile.objects.for_office(ctx.office).filter(person=person).first()
    return found or HandoverProfile(person=person, office=ctx.office)
