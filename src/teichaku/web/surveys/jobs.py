"""The desk's background jobs: a survey's downloads written off the web request."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from teichaku.tabulate.raking import TargetsError
from teichaku.web.accounts.models import Membership
from teichaku.web.accounts.permissions import Action, may
from teichaku.web.attachment import download_name
from teichaku.web.jobs.models import Job
from teichaku.web.jobs.registry import JobFile, JobRefused, Progress, job_kind
from teichaku.web.surveys import services
from teichaku.web.surveys.models import Survey
from teichaku.web.uploads import said

SURVEY_EXPORT = "survey_export"


@job_kind(SURVEY_EXPORT)
def survey_export(job: Job, progress: Progress) -> JobFile:
    """One of ``services.EXPORTS`` for a survey the job's owner still belongs to."""
    membership = (
        Membership.objects.filter(team__surveys__pk=job.parameters["survey"], user=job.owner)
        .select_related("team")
        .first()
    )
    kind = str(job.parameters["kind"])
    if (
        membership is None
        or kind not in services.EXPORTS
        or (kind in services.ANSWER_EXPORTS and not may(membership.role, Action.ANSWERS))
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
