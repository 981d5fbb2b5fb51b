"""The coding app's background jobs: a codings file imported off the web request (the
suggesters' refit is in `suggesters`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from teichaku.coding import CodingsError
from teichaku.coding.codings import codings_from_bytes
from teichaku.web.accounts.models import Membership, Role
from teichaku.web.accounts.permissions import Action, may
from teichaku.web.coding import services
from teichaku.web.coding.models import CodingProject
from teichaku.web.jobs.models import Job
from teichaku.web.jobs.registry import JobRefused, JobResult, Progress, job_kind
from teichaku.web.uploads import said

CODINGS_IMPORT = "codings_import"


def _may_import(job: Job, project: CodingProject) -> bool:
    """Still allowed: an analyst of the project's team, or a coder assigned to it."""
    membership = Membership.objects.filter(team=project.team, user=job.owner).first()
    if membership is None:
        return False
    if membership.role == Role.CODER:
        return project.coders.filter(pk=job.owner.pk).exists()
    return may(membership.role, Action.ANALYSE)


@job_kind(CODINGS_IMPORT, page="coding/import_result.html")
def codings_import(job: Job, progress: Progress) -> JobResult:
    """The job's upload taken as its owner's codes (`services.import_codings`: all rows or
    none); the number of answers touched, or what stopped it."""
    project = CodingProject.objects.select_related("team").get(pk=job.parameters["project"])
    if not _may_import(job, project):
        raise JobRefused(_("このプロジェクトにはコーディングを取り込めません。"))
    progress(10, _("ファイルを読んでいます"))
    try:
        codings = codings_from_bytes(bytes(job.upload or b""), job.upload_name)
        touched = services.import_codings(project, int(job.owner.pk), codings)
    except (CodingsError, ValueError) as error:
        problem = said(error)
        raise JobRefused(problem, {"problem": problem}) from None
    summary = _("%(n)d 件の回答のコーディングを取り込みました") % {"n": touched}
    return JobResult({"summary": summary, "answers": touched})
