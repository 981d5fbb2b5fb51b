"""A job's page (its progress, polled while it runs) and its file, for its owner only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from teichaku.web.jobs.models import Job, JobState
from teichaku.web.jobs.registry import PAGES

app_name = "jobs"


def _own_job(request: HttpRequest, job_id: str) -> Job:
    return get_object_or_404(Job.objects.defer("content", "upload"), pk=job_id, owner=request.user)


@login_required
@require_GET
def job_page(request: HttpRequest, job_id: str) -> HttpResponse:
    job = _own_job(request, job_id)
    template = "jobs/state.html" if request.headers.get("HX-Request") else "jobs/job.html"
    page = PAGES.get(job.kind, "") if job.finished else ""
    return render(request, template, {"job": job, "result": job.result, "result_page": page})


@login_required
@require_GET
def job_file(request: HttpRequest, job_id: str) -> HttpResponse:
    job = get_object_or_404(Job, pk=job_id, owner=request.user)
    if job.state != JobState.DONE or job.content is None:
        raise Http404
    response = HttpResponse(bytes(job.content), content_type=job.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(True, job.file_name) or "attachment"
    )
    return response


urlpatterns = [
    path("<uuid:job_id>/", job_page, name="job"),
    path("<uuid:job_id>/file", job_file, name="file"),
]
