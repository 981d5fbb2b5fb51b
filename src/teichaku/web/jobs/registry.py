"""Job kinds by name, starting a job, and running one (on a worker or in this process).

A handler returns a `JobFile` to offer for download, a `JobResult` for its page (an
import's summary), or nothing; it raises `JobRefused` when the owner can act on the reason
(with a `result` for the page: an import's refused values). A job runs in the language of
the request that started it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from teichaku.web.jobs.models import Job, JobState
from teichaku.web.uploads import read_upload

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobFile:
    """What a finished job offers for download."""

    name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class JobResult:
    """What a finished job's page shows (JSON: it is kept in the job's row)."""

    data: dict[str, Any]


class JobRefused(Exception):
    """The job cannot be done for a reason the owner can act on; the message says it."""

    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.result = result or {}


Progress = Callable[[int, str], None]
Handler = Callable[[Job, Progress], JobFile | JobResult | None]
HANDLERS: dict[str, Handler] = {}
PAGES: dict[str, str] = {}  # kind -> the template that shows a finished job's result


def job_kind(name: str, page: str = "") -> Callable[[Handler], Handler]:
    """Register ``handler`` as the work of jobs of kind ``name``; ``page`` is the template
    (given ``job`` and its ``result``) that shows the outcome on the job's page."""

    def register(handler: Handler) -> Handler:
        if name in HANDLERS and HANDLERS[name] is not handler:
            raise ValueError(f"job kind {name!r} is registered twice")
        HANDLERS[name] = handler
        if page:
            PAGES[name] = page
        return handler

    return register


def start(
    owner: Any,
    kind: str,
    title: str,
    parameters: dict[str, Any],
    upload: UploadedFile | None = None,
    back: str = "",
) -> Job:
    """Record a job (with the uploaded file it is to read, if any: `UploadTooLarge` when it
    is over the limit) and queue it once the current transaction commits. ``back`` is the
    page (a path on this site) the job's page leads back to."""
    if kind not in HANDLERS:
        raise ValueError(f"no job kind {kind!r}; known: {', '.join(sorted(HANDLERS))}")
    data = read_upload(upload) if upload is not None else None
    job = Job.objects.create(
        owner=owner,
        kind=kind,
        title=title[:200],
        parameters={**parameters, "language": get_language() or "ja"},
        upload_name=(upload.name or "")[:200] if upload is not None else "",
        upload=data,
        back=back[:300],
    )
    from teichaku.web.jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.delay(str(job.pk)))
    return job


# Runs of one job before a worker's death is taken as the job's own fault.
JOB_ATTEMPTS = 3


def run(job_id: str, redelivered: bool = False) -> None:
    """Run one queued job, claimed by one worker. A task delivered again (its worker died:
    the broker says ``redelivered``, or the job has been running longer than
    TEICHAKU_JOB_STALE_SECONDS) takes over a job left running; after JOB_ATTEMPTS runs it
    fails instead. A task delivered again while its job is alive does nothing."""
    if not _claimed(job_id, redelivered):
        return
    job = Job.objects.get(pk=job_id)

    def progress(percent: int, message: str = "") -> None:
        Job.objects.filter(pk=job_id).update(progress=max(0, min(percent, 99)), message=message)

    with translation.override(str(job.parameters.get("language") or "ja")):
        try:
            output = HANDLERS[job.kind](job, progress)
        except JobRefused as refusal:
            _finish(job_id, JobState.FAILED, str(refusal), result=refusal.result)
            return
        except Exception:
            # The job's id and kind only: its parameters may name a survey or a person.
            logger.exception("job %s (%s) failed", job_id, job.kind)
            _finish(job_id, JobState.FAILED, _("作成できませんでした。もう一度お試しください。"))
            return
    if isinstance(output, JobFile):
        done: dict[str, Any] = {
            "file_name": output.name,
            "content_type": output.content_type,
            "content": output.data,
        }
    else:
        done = {"result": output.data} if output else {}
    _finish(job_id, JobState.DONE, "", progress=100, **done)


def _claimed(job_id: str, redelivered: bool) -> bool:
    now = timezone.now()
    claim = {"state": JobState.RUNNING, "started_at": now, "attempts": F("attempts") + 1}
    if Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(**claim):
        return True
    left = Job.objects.filter(pk=job_id, state=JobState.RUNNING)
    if not redelivered:
        stale = now - timedelta(seconds=settings.TEICHAKU_JOB_STALE_SECONDS)
        left = left.filter(started_at__lt=stale)
    if left.filter(attempts__lt=JOB_ATTEMPTS).update(**claim):
        logger.warning("job %s: its worker was lost; run again", job_id)
        return True
    if left.update(
        state=JobState.FAILED,
        message=_("処理が途中で止まりました。もう一度お試しください。"),
        finished_at=now,
        upload=None,
    ):
        logger.error("job %s: its worker was lost %d times; failed", job_id, JOB_ATTEMPTS)
    return False


def _finish(job_id: str, state: str, message: str, **fields: Any) -> None:
    """The job's end: its state and message, and the file it read dropped."""
    Job.objects.filter(pk=job_id).update(
        state=state,
        message=message[:300],
        finished_at=timezone.now(),
        upload=None,
        **fields,
    )
