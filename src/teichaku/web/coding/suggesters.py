"""The learned suggesters of the coding pages, one per (project, coder), kept in memory.

A suggester learns from one coder's own codes (so suggestions stay blind) and is kept until
that coder's codes change. Small training sets are fitted within the request; larger ones in
a background thread while the page shows the previous model's suggestions (refitting on
5,400 answers takes ~5 s, bench/coding_answers.py).

The seam for a background job: `training_set` reads what to learn from the database (in the
request), `refit` fits and keeps the model and touches no database; `_start_refit` is the one
place that decides where `refit` runs (today: a thread).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Max

from teichaku.web.coding.models import AppliedCode, CodingProject, Review

if TYPE_CHECKING:
    from teichaku.coding.learned import LearnedSuggester

Key = tuple[str, int]  # (project token, coder id): the token is unique even across databases
Stamp = tuple[int, int]  # (number of the coder's codes, the last code's id)

# Up to this many coded answers the suggester is refitted within the request (well under a
# second); above it, in the background.
SYNC_FIT_LIMIT = 200
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


def _start_refit(training: TrainingSet) -> None:
    threading.Thread(
        target=_refit_and_release,
        args=(training,),
        name=f"coding-suggester-{training.key[0][:8]}",
        daemon=True,
    ).start()


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
    training = training_set(project, user_id)
    if len(training.texts) <= SYNC_FIT_LIMIT:
        return refit(training), False
    with _LOCK:
        _TRAINING.add(key)
    _start_refit(training)
    return (known[1] if known else None), True


def is_refitting() -> bool:
    """Whether any suggester is being fitted in the background (tests wait on it)."""
    with _LOCK:
        return bool(_TRAINING)
