"""The desk's background jobs: a survey's downloads written, and response files imported,
off the web request."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teichaku.responses import ResponseFileError, ValueIssue
from teichaku.tabulate.raking import TargetsError
from teichaku.web.accounts.models import Membership
from teichaku.web.accounts.permissions import Action, may
from teichaku.web.attachment import download_name
from teichaku.web.jobs.models import Job
from teichaku.web.jobs.registry import JobFile, JobRefused, JobResult, Progress, job_kind
from teichaku.web.surveys import imports, services
from teichaku.web.surveys.models import Survey
from teichaku.web.uploads import said

SURVEY_EXPORT = "survey_export"
SURVEY_IMPORT = "survey_import"
SHOWN_ISSUES = 200  # the refused values a page lists


def _role(job: Job) -> str | None:
    """The job's owner's role in the team of the job's survey, if still a member."""
    membership = Membership.objects.filter(
        team__surveys__pk=job.parameters["survey"], user=job.owner
    ).first()
    return membership.role if membership else None


@job_kind(SURVEY_EXPORT)
def survey_export(job: Job, progress: Progress) -> JobFile:
    """One of ``services.EXPORTS`` for a survey the job's owner still belongs to."""
    role = _role(job)
    kind = str(job.parameters["kind"])
    if (
        role is None
        or kind not in services.EXPORTS
        or (kind in services.ANSWER_EXPORTS and not may(role, Action.ANSWERS))
    ):
        raise JobRefused(_("この調査のファイルは作成できません。"))
    survey = Survey.objects.get(pk=job.parameters["survey"])
    progress(10, _("集計しています"))
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = services.write_export(survey, kind, Path(folder))
        except TargetsError as error:  # the stored shares no longer fit the answers
            raise JobRefused(said(error)) from error
        name = download_name(survey.title, kind)
        return JobFile(name=name, content_type=services.EXPORTS[kind], data=path.read_bytes())


@job_kind(SURVEY_IMPORT, page="surveys/desk/import_result.html")
def survey_import(job: Job, progress: Progress) -> JobResult:
    """The job's upload imported into its survey (`imports.import_answers`: one transaction):
    the summary, or the values that stopped it (row, column, value, what is accepted)."""
    role = _role(job)
    if role is None or not may(role, Action.IMPORT):
        raise JobRefused(_("この調査には回答を取り込めません。"))
    survey = Survey.objects.get(pk=job.parameters["survey"])
    name = job.upload_name or "responses.csv"
    progress(10, _("ファイルを読んでいます"))
    try:
        summary = imports.import_answers(survey, bytes(job.upload or b""), name, job.owner)
    except ResponseFileError as error:
        problem = said(error).split("\n", 1)[0]
        if error.issues:
            problem = _(
                "「%(name)s」に読めない値が %(n)s 件あります(下の表、最大200件)。"
                "直してから、もう一度取り込んでください。"
            ) % {"name": name, "n": len(error.issues)}
        issues = [_worded(issue) for issue in error.issues[:SHOWN_ISSUES]]
        result = {"survey": survey.token, "problem": problem, "issues": issues}
        raise JobRefused(problem, result) from None
    except imports.ImportConflict as error:
        raise JobRefused(str(error), {"survey": survey.token, "problem": str(error)}) from None
    return JobResult(
        {
            "survey": survey.token,
            "summary": summary.text(),
            "new": summary.new,
            "already": summary.already,
            "refused": [{"row": r.row, "same_as": r.same_as} for r in summary.refused],
        }
    )


def _worded(issue: ValueIssue) -> dict[str, object]:
    """A cell the import refused, as the page shows it: in the job's language."""
    problem, accepted = issue.worded(get_language() or "ja")
    return {
        "row": issue.row,
        "column": issue.column,
        "value": issue.value,
        "problem": problem,
        "accepted": accepted,
    }
