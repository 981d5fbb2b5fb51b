"""The one Celery task: run a recorded job by its id (the handlers are in ``registry``)."""

from __future__ import annotations

from celery import shared_task

from teichaku.web.jobs.registry import run


@shared_task(name="teichaku.run_job", ignore_result=True, acks_late=True)
def run_job(job_id: str) -> None:
    run(job_id)
