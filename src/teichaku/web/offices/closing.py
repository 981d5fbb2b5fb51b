"""Closing an office (the operator's step): its records are deleted, its audit log is kept.

The operator first takes the office's archive (`offices.archive`, the same job an office's
管理者 runs), then types the office number. In one transaction every row of `archive.TABLES`
but the office itself and its audit log is deleted, children first; staff memberships and
invitations go with them, and so do archives the office's staff made (they hold the same
records). The office row stays with `closed_at` set — its name and number, no personal data —
so that its append-only audit log, with the closing entry (who, when, rows deleted per
table), survives. Staff user accounts are kept: an account is the person's own, may belong to
another office or a research team, and is named by audit entries; with no office left it can
open no office page. A closed office cannot be chosen or entered (`context.memberships`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teichaku.web.jobs.models import Job, JobState
from teichaku.web.offices import audit
from teichaku.web.offices.archive import TABLES, rows_of
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.jobs import OFFICE_ARCHIVE, OPERATOR
from teichaku.web.offices.models import AuditEntry, Office

KEPT = (Office, AuditEntry)


class ClosingRefused(ValueError):
    """The office is not closed; the message says why, for the operator."""


def archive_taken(operator: Any, office: Office) -> bool:
    """Whether the operator holds a finished archive of the office."""
    return Job.objects.filter(
        owner=operator, kind=OFFICE_ARCHIVE, state=JobState.DONE, parameters__office=office.pk
    ).exists()


@transaction.atomic
def close_office(operator: Any, office: Office, typed_number: str) -> dict[str, int]:
    """Delete the office's records (see the module's docstring); rows deleted per table."""
    office = Office.objects.select_for_update().get(pk=office.pk)
    if office.closed_at is not None:
        raise ClosingRefused(_("この事業所はすでに閉鎖されています。"))
    if typed_number.strip() != office.number:
        raise ClosingRefused(
            _("入力された事業所番号(%(value)s)が閉鎖する事業所の番号と一致しません。")
            % {"value": typed_number.strip()}
        )
    if not archive_taken(operator, office):
        raise ClosingRefused(_("先に事業所の全記録をダウンロードしてください。"))
    counts: dict[str, int] = {}
    for table in reversed(TABLES):
        if table.model in KEPT:
            continue
        rows = rows_of(table, office)
        counts[table.name] = rows.count()
        rows.delete()
    Job.objects.filter(kind=OFFICE_ARCHIVE, parameters__office=office.pk).exclude(
        owner=operator
    ).delete()
    office.handover_lead = None
    office.closed_at = timezone.now()
    office.save(update_fields=["handover_lead", "closed_at"])
    ctx = OfficeContext(None, operator, office, OPERATOR)
    audit.record(
        ctx,
        "close",
        "office",
        office.public_id,
        detail=_("%(rows)d 行を削除") % {"rows": sum(counts.values())},
        changes=[
            {"field": name, "before": str(count), "after": "0"} for name, count in counts.items()
        ],
    )
    return counts
