"""The one Celery task: run a recorded job by its id (the handlers are in ``registry``)."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from teichaku.web.jobs.registry import run


@shared_task(name="teichaku.run_job", bind=True, ignore_result=True, acks_late=True)
def run_job(task: Any, job_id: str) -> None:
    delivery = task.request.delivery_info or {}
    run(job_id, redelivered=bool(delivery.get("redelivered")))
