"""Job kinds by name, starting a job, and running one (on a worker or in this process)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from teichaku.web.jobs.models import Job, JobState

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobFile:
    """What a finished job offers for download."""

    name: str
    content_type: str
    data: bytes


class JobRefused(Exception):
    """The job cannot be done for a reason the owner can act on; the message says it."""


Progress = Callable[[int, str], None]
Handler = Callable[[Job, Progress], JobFile | None]
HANDLERS: dict[str, Handler] = {}


def job_kind(name: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` as the work of jobs of kind ``name``."""

    def register(handler: Handler) -> Handler:
        if name in HANDLERS and HANDLERS[name] is not handler:
            raise ValueError(f"job kind {name!r} is registered twice")
        HANDLERS[name] = handler
        return handler

    return register


def start(owner: Any, kind: str, title: str, parameters: dict[str, Any]) -> Job:
    """Record a job and queue it once the current transaction commits."""
    if kind not in HANDLERS:
        raise ValueError(f"no job kind {kind!r}; known: {', '.join(sorted(HANDLERS))}")
    job = Job.objects.create(owner=owner, kind=kind, title=title, parameters=parameters)
    from teichaku.web.jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.delay(str(job.pk)))
    return job


def run(job_id: str) -> None:
    """Run one queued job: claimed once (a redelivered task finds it no longer queued)."""
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return
    job = Job.objects.get(pk=job_id)

    def progress(percent: int, message: str = "") -> None:
        Job.objects.filter(pk=job_id).update(progress=max(0, min(percent, 99)), message=message)

    try:
        output = HANDLERS[job.kind](job, progress)
    except JobRefused as refusal:
        _finish(job_id, JobState.FAILED, str(refusal))
        return
    except Exception:
        # The job's id and kind only: its parameters may name a survey or a person.
        logger.exception("job %s (%s) failed", job_id, job.kind)
        _finish(job_id, JobState.FAILED, _("作成できませんでした。もう一度お試しください。"))
        return
    Job.objects.filter(pk=job_id).update(
        state=JobState.DONE,
        progress=100,
        message="",
        finished_at=timezone.now(),
        **(
            {"file_name": output.name, "content_type": output.content_type, "content": output.data}
            if output
            else {}
        ),
    )


def _finish(job_id: str, state: str, message: str) -> None:
    Job.objects.filter(pk=job_id).update(
        state=state, message=message[:300], finished_at=timezone.now()
    )
