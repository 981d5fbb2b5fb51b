"""The office's background job: the archive of all its records (`offices.archive`)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from teichaku.web.jobs.models import Job
from teichaku.web.jobs.registry import JobFile, JobRefused, Progress, job_kind
from teichaku.web.offices import archive, audit
from teichaku.web.offices.context import OfficeContext
from teichaku.web.offices.models import Office, StaffMembership
from teichaku.web.offices.permissions import Action, may

OFFICE_ARCHIVE = "office_archive"
OPERATOR = "operator"  # the role written in the audit log for the site operator


def archive_role(user: Any, office: Office) -> str | None:
    """The role under which ``user`` may take the office's archive, or None: a member whose
    role manages the office, or the site operator (who closes offices)."""
    if user.is_superuser:
        return OPERATOR
    membership = StaffMembership.objects.filter(office=office, user_id=user.pk)
    role = membership.values_list("role", flat=True).first()
    return role if role is not None and may(role, Action.MANAGE_OFFICE) else None


@job_kind(OFFICE_ARCHIVE)
def office_archive(job: Job, progress: Progress) -> JobFile:
    office = Office.objects.filter(pk=job.parameters["office"], closed_at__isnull=True).first()
    role = archive_role(job.owner, office) if office is not None else None
    if office is None or role is None:
        raise JobRefused(_("この事業所の記録は書き出せません。"))
    # Recorded first: the archive holds the entry of its own making.
    ctx = OfficeContext(None, job.owner, office, role)
    audit.record(ctx, "export", "office_archive", office.public_id, detail=f"job={job.pk}")
    data = archive.build(office, progress)
    return JobFile(
        name=archive.file_name(office, timezone.localdate()),
        content_type="application/zip",
        data=data,
    )


def start_archive(user: Any, office: Office, back: str = "") -> Job:
    from teichaku.web.jobs.registry import start

    return start(
        user,
        OFFICE_ARCHIVE,
        _("%(office)s：全記録の書き出し") % {"office": office.name},
        {"office": office.pk},
        back=back,
    )
