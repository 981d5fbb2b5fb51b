"""Correcting and deleting kept records (a contact, meeting, employment, report, plan) with
their history: who, when, each changed field before and after, and the reason given.

The history is the audit log (`AuditEntry.changes`, `.reason`): one place, append-only. This
module takes the before/after as the pages show the values, writes the change with its entry
in one transaction, and reads a person's history back for their page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils.translation import gettext as _

from teichaku.web.accounts.names import display_name
from teichaku.web.offices import audit
from teichaku.web.offices.actions import save_owned
from teichaku.web.offices.audit_labels import action_label, field_label, object_label
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.models import AuditEntry, OfficeOwned, Person

# The kinds of record whose corrections are kept and shown on the person's page.
CORRECTED = ("contact", "meeting", "employment", "report", "plan", "plan_review")


def shown(obj: models.Model, name: str) -> str:
    """A field's value as the pages show it (labels of choices, 氏名 of staff, ISO days)."""
    labels = getattr(obj, f"{name}_labels", None)
    if isinstance(labels, str):
        return labels
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if value is None or value == "" or value == []:
        return ""
    if getattr(field, "choices", None):
        return str(getattr(obj, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("はい") if value else _("いいえ")
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, get_user_model()):
        return display_name(value)
    if isinstance(value, list):
        return "・".join(str(v) for v in value)
    return str(value)


def snapshot(obj: models.Model, names: Iterable[str]) -> dict[str, str]:
    return {name: shown(obj, name) for name in names}


def differences(before: dict[str, str], after: dict[str, str]) -> list[dict[str, str]]:
    """The fields whose shown value changed, in the form's order."""
    return [
        {"field": name, "before": before[name], "after": after.get(name, "")}
        for name in before
        if before[name] != after.get(name, "")
    ]


def record_fields(form: Any) -> list[str]:
    return [name for name in form.fields if name != "reason"]


@transaction.atomic
def correct(
    ctx: OfficeContext, form: Any, object_type: str, person: Person, **fields: Any
) -> OfficeOwned:
    """Save a valid edit form of an existing row with its before/after and reason."""
    obj = form.instance
    names = record_fields(form)
    stored = type(obj).objects.for_office(ctx.office).get(pk=obj.pk)
    before = snapshot(stored, names)
    saved = save_owned(
        ctx,
        obj,
        object_type,
        person=person,
        form=form,
        changes=differences(before, snapshot(obj, names)),
        reason=form.cleaned_data.get("reason", "").strip(),
        **fields,
    )
    return saved


@transaction.atomic
def delete(
    ctx: OfficeContext,
    obj: OfficeOwned,
    object_type: str,
    person: Person,
    names: Iterable[str],
    reason: str,
) -> None:
    """Delete one row; its entry keeps every shown value (before) and the reason."""
    before = snapshot(obj, names)
    public_id = obj.public_id
    obj.delete()
    audit.record(
        ctx,
        "delete",
        object_type,
        public_id,
        person_id=person.public_id,
        changes=[{"field": k, "before": v, "after": ""} for k, v in before.items() if v],
        reason=reason.strip(),
    )


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str  # 氏名, never a login id
    action: str
    record: str
    reason: str
    changes: tuple[Change, ...]


def history(ctx: OfficeContext, person: Person) -> list[HistoryEntry]:
    """The person's corrections and deletions, newest first, worded for the page."""
    entries = (
        AuditEntry.objects.for_office(ctx.office)
        .filter(
            person_id=str(person.public_id),
            action__in=("update", "delete"),
            object_type__in=CORRECTED,
        )
        .select_related("actor")
    )
    return [
        HistoryEntry(
            at=e.at,
            actor=display_name(e.actor) if e.actor is not None else "—",
            action=action_label(e.action),
            record=object_label(e.object_type),
            reason=e.reason,
            changes=tuple(
                Change(field_label(e.object_type, c["field"]), c["before"], c["after"])
                for c in e.changes
            ),
        )
        for e in entries
        if e.changes or e.reason or e.action == "delete"
    ]
