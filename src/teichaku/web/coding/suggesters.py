"""The learned suggesters of the coding pages, one per (project, coder).

A suggester learns from one coder's own codes (so suggestions stay blind) and is kept until
that coder's codes change. Small training sets are fitted within the request; larger ones in
the background while the page shows the previous model's suggestions (refitting on 5,400
answers takes ~5 s, bench/coding_answers.py).

`training_set` reads what to learn from the database, `refit` fits and keeps the model in
this process and touches no database; `_start_refit` is the one place that decides where a
background refit runs: with a job broker, a `coding_refit` job on a worker, which stores the
fitted model in the database (`FittedSuggester`) for every server; without one (the embedded
default), a thread of this process.
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Max

from teichaku.web.coding.models import AppliedCode, CodingProject, FittedSuggester, Review
from teichaku.web.jobs.models import Job, JobState
from teichaku.web.jobs.registry import Progress, job_kind
from teichaku.web.jobs.registry import start as start_job

if TYPE_CHECKING:
    from teichaku.coding.learned import LearnedSuggester

Key = tuple[str, int]  # (project token, coder id): the token is unique even across databases
Stamp = tuple[int, int]  # (number of the coder's codes, the last code's id)

KEPT = 16

_MODELS: OrderedDict[Key, tuple[Stamp, LearnedSuggester | None]] = OrderedDict()
_TRAINING: set[Key] = set()
_LOCK = threading.Lock()


@dataclass(frozen=True)
class TrainingSet:
    """What one coder's suggester learns: the texts the coder has seen and the codes given."""

    key: Key
    stamp: Stamp
    values: tuple[str, ...]
    texts: tuple[str, ...]
    labels: tuple[frozenset[str], ...]


def _stamp(project: CodingProject, user_id: int) -> Stamp:
    mine = AppliedCode.objects.filter(answer__project=project, coder_id=user_id)
    counted = mine.aggregate(n=Count("id"), last=Max("id"))
    return (counted["n"], counted["last"] or 0)


def training_set(project: CodingProject, user_id: int) -> TrainingSet:
    """The coder's seen answers of the project with the codes the coder gave them."""
    stamp = _stamp(project, user_id)
    mine = AppliedCode.objects.filter(answer__project=project, coder_id=user_id)
    by_answer: dict[str, set[str]] = {}
    for rid, value in mine.values_list("answer__response_id", "category__value"):
        by_answer.setdefault(rid, set()).add(value)
    seen = Review.objects.filter(answer__project=project, coder_id=user_id)
    texts, labels = [], []
    for rid, text in seen.values_list("answer__response_id", "answer__text"):
        texts.append(text)
        labels.append(frozenset(by_answer.get(rid, set())))
    values = tuple(project.categories.values_list("value", flat=True))
    return TrainingSet((project.token, user_id), stamp, values, tuple(texts), tuple(labels))


def refit(training: TrainingSet) -> LearnedSuggester | None:
    """Fit the suggester of one project's coder and keep it; no database access, so a
    background job can run it as well as a thread."""
    from teichaku.coding.learned import LearnedSuggester

    model = (
        LearnedSuggester(list(training.values)).fit(list(training.texts), list(training.labels))
        if training.texts
        else None
    )
    with _LOCK:
        _MODELS[training.key] = (training.stamp, model)
        _MODELS.move_to_end(training.key)
        while len(_MODELS) > KEPT:
            _MODELS.popitem(last=False)
    return model


def _refit_and_release(training: TrainingSet) -> None:
    try:
        refit(training)
    finally:
        with _LOCK:
            _TRAINING.discard(training.key)


REFIT_JOB = "coding_refit"


def _start_refit(project: CodingProject, user_id: int, training: TrainingSet) -> None:
    if settings.CELERY_BROKER_URL:
        with _LOCK:
            _TRAINING.discard(training.key)  # the job's rows say whether it is running
        owner = get_user_model().objects.get(pk=user_id)
        start_job(owner, REFIT_JOB, REFIT_JOB, {"project": project.pk, "coder": user_id})
        return
    threading.Thread(
        target=_refit_and_release,
        args=(training,),
        name=f"coding-suggester-{training.key[0][:8]}",
        daemon=True,
    ).start()


@job_kind(REFIT_JOB)
def refit_job(job: Job, progress: Progress) -> None:
    """On a worker: fit one coder's suggester and store it for every server."""
    project = CodingProject.objects.get(pk=job.parameters["project"])
    coder = int(job.parameters["coder"])
    training = training_set(project, coder)
    model = refit(training)
    FittedSuggester.objects.update_or_create(
        project=project,
        coder_id=coder,
        defaults={
            "codes": training.stamp[0],
            "last_code": training.stamp[1],
            "model": pickle.dumps(model),
        },
    )


def _stored(project: CodingProject, user_id: int) -> tuple[Stamp, LearnedSuggester | None] | None:
    """The model a worker stored for this coder, with the stamp it was fitted at."""
    row = FittedSuggester.objects.filter(project=project, coder_id=user_id).first()
    if row is None:
        return None
    # Written only by our own workers (refit_job) into our own database.
    model: LearnedSuggester | None = pickle.loads(bytes(row.model))
    return (row.codes, row.last_code), model


def _refit_job_running(project: CodingProject, user_id: int) -> bool:
    return Job.objects.filter(
        kind=REFIT_JOB,
        state__in=(JobState.QUEUED, JobState.RUNNING),
        parameters__project=project.pk,
        parameters__coder=user_id,
    ).exists()


def learned_for(project: CodingProject, user_id: int) -> tuple[LearnedSuggester | None, bool]:
    """The coder's current suggester (None before any code) and whether a newer one is
    being fitted."""
    key = (project.token, user_id)
    stamp = _stamp(project, user_id)
    with _LOCK:
        known = _MODELS.get(key)
        if known is not None and known[0] == stamp:
            return known[1], False
        if key in _TRAINING:
            return (known[1] if known else None), True
    if settings.CELERY_BROKER_URL:
        stored = _stored(project, user_id)
        if stored is not None:
            with _LOCK:
                _MODELS[key] = stored
                _MODELS.move_to_end(key)
            if stored[0] == stamp:
                return stored[1], False
            known = stored
        if _refit_job_running(project, user_id):
            return (known[1] if known else None), True
    training = training_set(project, user_id)
    # Up to this many coded answers the suggester is refitted within the request (well under
    # a second); above it, in the background.
    if len(training.texts) <= settings.TEICHAKU_SYNC_FIT_LIMIT:
        return refit(training), False
    with _LOCK:
        _TRAINING.add(key)
    _start_refit(project, user_id, training)
    return (known[1] if known else None), True


def is_refitting() -> bool:
    """Whether any suggester is being fitted in the background (tests wait on it)."""
    with _LOCK:
        return bool(_TRAINING)
