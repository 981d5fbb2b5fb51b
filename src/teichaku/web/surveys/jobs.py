"""The desk's background jobs: a survey's downloads written off the web request."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from teichaku.tabulate.raking import TargetsError
from teichaku.web.jobs.models import Job
from teichaku.web.jobs.registry import JobFile, JobRefused, Progress, job_kind
from teichaku.web.surveys import services
from teichaku.web.surveys.models import Survey
from teichaku.web.uploads import said

SURVEY_EXPORT = "survey_export"


@job_kind(SURVEY_EXPORT)
def survey_export(job: Job, progress: Progress) -> JobFile:
    """One of ``services.EXPORTS`` for a survey the job's owner still belongs to."""
    survey = (
        Survey.objects.filter(pk=job.parameters["survey"], team__memberships__user=job.owner)
        .distinct()
        .first()
    )
    kind = str(job.parameters["kind"])
    if survey is None or kind not in services.EXPORTS:
        raise JobRefused(_("この調査のファイルは作成できません。"))
    progress(10, _("集計しています"))
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = services.write_export(survey, kind, Path(folder))
        except TargetsError as error:  # the stored shares no longer fit the answers
            raise JobRefused(said(error)) from error
        return JobFile(name=kind, content_type=services.EXPORTS[kind], data=path.read_bytes())
