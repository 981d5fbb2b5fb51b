"""Posting a form whose work is a background job and returning the job's page once it is over.

With no broker (the embedded default) the job runs in this process when the request's
transaction commits, as under `make run`; pytest-django wraps each test in a transaction
that never commits, so the job is run where the commit would have been
(`captureOnCommitCallbacks(execute=True)`). With a worker (the `job_worker` fixture) the job
is waited for.
"""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpResponse
from django.test import Client, TestCase


def post_through_job(client: Client, url: str, data: Any, **extra: Any) -> HttpResponse:
    """POST, run the job the view started, and return the job's page (or the response, when
    the view started no job)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        started = client.post(url, data, **extra)
    location = started.get("Location", "")
    if started.status_code != 302 or not location.startswith("/jobs/"):
        return started  # type: ignore[no-any-return]
    from teichaku.web.jobs.models import Job

    job = Job.objects.get(pk=location.split("/")[2])
    deadline = time.monotonic() + 120
    while not job.finished and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()
    return client.get(location, **extra)  # type: ignore[no-any-return]
