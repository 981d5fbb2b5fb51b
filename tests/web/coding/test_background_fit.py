"""Above TEICHAKU_SYNC_FIT_LIMIT coded answers the learned suggester is refitted in a background
thread: the page answers at once with a note, then shows the new model's suggestions."""

from __future__ import annotations

import time
from typing import Any

import pytest

from teichaku.web.coding import suggesters
from teichaku.web.coding.models import AnswerItem

from .conftest import World, client_for, codings_csv
from .test_coding_views import Q14, create, upload_codings


def wait_for_fit(seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while suggesters.is_refitting() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not suggesters.is_refitting(), "the background fit did not finish"


@pytest.mark.django_db
def test_large_training_sets_are_fitted_in_the_background(world: World, settings: Any) -> None:
    settings.TEICHAKU_SYNC_FIT_LIMIT = 10
    project = create(world)
    client = client_for(world.analyst)
    upload_codings(world.analyst, project, codings_csv(Q14))  # 61 answers > 10
    target = AnswerItem.objects.filter(project=project, text__contains="マッチング").first()
    assert target is not None
    url = f"/coding/{project.token}/answer/{target.position}/"
    first = client.get(url).content.decode()
    assert "学習による候補を更新中です" in first and "学習: " not in first
    wait_for_fit()
    second = client.get(url).content.decode()
    assert "学習による候補を更新中です" not in second and "学習: " in second
    # A change of the coder's codes starts a new fit; meanwhile the last model still answers.
    other = AnswerItem.objects.filter(project=project).exclude(text="").first()
    assert other is not None
    client.post(f"/coding/{project.token}/answer/{other.position}/", {"code": ["matching"]})
    third = client.get(url).content.decode()
    assert "学習による候補を更新中です" in third and "学習: " in third
    wait_for_fit()


def test_with_a_broker_a_worker_fits_and_every_server_loads_its_model(
    world: World, job_worker: str, settings: Any
) -> None:
    """The refit is a job on a real worker; the fitted model is stored in the database,
    so a server that never fitted it (this process, its memory cleared) serves it."""
    from teichaku.web.coding.models import FittedSuggester
    from teichaku.web.jobs.models import Job, JobState

    settings.TEICHAKU_SYNC_FIT_LIMIT = 10
    project = create(world)
    client = client_for(world.analyst)
    upload_codings(world.analyst, project, codings_csv(Q14))
    target = AnswerItem.objects.filter(project=project, text__contains="マッチング").first()
    assert target is not None
    url = f"/coding/{project.token}/answer/{target.position}/"
    first = client.get(url).content.decode()
    assert "学習による候補を更新中です" in first
    assert not suggesters.is_refitting()  # no thread here: the worker fits
    job = Job.objects.get(kind=suggesters.REFIT_JOB)
    deadline = time.monotonic() + 120
    while not job.finished and time.monotonic() < deadline:
        time.sleep(0.5)
        job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert FittedSuggester.objects.filter(project=project, coder=world.analyst).exists()
    suggesters._MODELS.clear()  # as a second server, which has fitted nothing
    second = client.get(url).content.decode()
    assert "学習による候補を更新中です" not in second and "学習: " in second
    assert Job.objects.filter(kind=suggesters.REFIT_JOB).count() == 1  # not fitted again
