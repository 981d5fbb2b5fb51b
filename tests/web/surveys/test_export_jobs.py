"""The desk's downloads as background jobs: in-process without a broker (the embedded
default), on a real Celery worker with Redis when one is configured (CI's PostgreSQL pass).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.test import Client
from django.utils import timezone

from teichaku.web.attachment import download_name
from teichaku.web.jobs.models import Job, JobState
from teichaku.web.jobs.registry import JOB_ATTEMPTS, run, start
from teichaku.web.surveys.jobs import SURVEY_EXPORT

from .conftest import World, client_for, full_answer
from .helpers import answer_all


def _answer(world: World, **overrides: object) -> None:
    response, _ = answer_all(Client(), world.survey, full_answer(**overrides))
    assert response.status_code == 303


def test_an_export_job_gives_the_same_file_as_the_direct_download(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _answer(world)
    _answer(world, **{"a-q01_securing_users": "4"})
    client = client_for(world.viewer)
    direct = b"".join(client.get(f"/desk/{world.survey.token}/download/data.csv").streaming_content)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"/desk/{world.survey.token}/exports/data.csv")
    assert started.status_code == 302
    job = Job.objects.get()
    assert started["Location"] == f"/jobs/{job.pk}/"
    assert world.survey.token not in started["Location"]  # nothing of the survey in the URL
    page = client.get(started["Location"]).content.decode()
    assert "完了" in page and f"/jobs/{job.pk}/file" in page
    # …and leads back to the survey's results, where the download was asked for
    assert f'<a href="/desk/{world.survey.token}/">元のページに戻る</a>' in page
    assert "状態：" in page
    fetched = client.get(f"/jobs/{job.pk}/file")
    assert fetched.status_code == 200
    assert fetched.content == direct
    # Named after the survey, as the direct download is.
    assert job.file_name == download_name(world.survey.title, "data.csv")
    assert fetched["Content-Disposition"].startswith("attachment;")


def test_a_job_is_its_owners_alone(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.viewer).post(f"/desk/{world.survey.token}/exports/tables.json")
    job = Job.objects.get()
    for stranger in (world.analyst, world.outsider):
        assert client_for(stranger).get(f"/jobs/{job.pk}/").status_code == 404
        assert client_for(stranger).get(f"/jobs/{job.pk}/file").status_code == 404
    assert Client().get(f"/jobs/{job.pk}/").status_code == 302  # to the login page


def test_another_teams_survey_cannot_be_exported(world: World) -> None:
    response = client_for(world.outsider).post(f"/desk/{world.survey.token}/exports/data.csv")
    assert response.status_code == 404
    assert not Job.objects.exists()


def test_a_job_whose_owner_left_the_team_fails_with_a_reason(
    world: World, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    world.viewer.memberships.all().delete()  # type: ignore[attr-defined]
    with django_capture_on_commit_callbacks(execute=True):
        start(world.viewer, SURVEY_EXPORT, "x", {"survey": world.survey.pk, "kind": "data.csv"})
    job = Job.objects.get()
    assert job.state == JobState.FAILED
    assert job.content is None
    assert "作成できません" in job.message


def test_a_page_polls_while_the_job_runs(world: World) -> None:
    job = Job.objects.create(owner=world.viewer, kind=SURVEY_EXPORT, title="集計表")
    html = client_for(world.viewer).get(f"/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in html and "待機中" in html
    assert client_for(world.viewer).get(f"/jobs/{job.pk}/file").status_code == 404


# --- a real worker on Redis (CI's PostgreSQL pass) -----------------------------------------


def test_a_worker_on_redis_runs_the_job(world: World, job_worker: str) -> None:
    _answer(world)
    job = start(world.viewer, SURVEY_EXPORT, "x", {"survey": world.survey.pk, "kind": "data.csv"})
    deadline = time.monotonic() + 120
    while not job.finished and time.monotonic() < deadline:
        time.sleep(0.5)
        job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert job.started_at is not None and job.attempts == 1
    direct = client_for(world.viewer).get(f"/desk/{world.survey.token}/download/data.csv")
    assert bytes(job.content or b"") == b"".join(direct.streaming_content)


def _left_running(world: World, started_ago: timedelta, attempts: int = 1) -> Job:
    """A job whose worker took it and then died: still marked running."""
    client_for(world.viewer).post(f"/desk/{world.survey.token}/exports/tables.json")
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, started_at=timezone.now() - started_ago, attempts=attempts
    )
    return job


def test_a_job_whose_worker_died_is_run_again_when_its_task_comes_back(world: World) -> None:
    _answer(world)
    job = _left_running(world, timedelta(seconds=settings.TEICHAKU_JOB_STALE_SECONDS + 60))
    run(str(job.pk))
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 2
    assert json.loads(bytes(job.content))["schema"] == "teichaku.tables/1"


def test_a_running_job_is_left_alone_unless_the_broker_says_it_was_redelivered(
    world: World,
) -> None:
    _answer(world)
    job = _left_running(world, timedelta(seconds=5))
    run(str(job.pk))  # a duplicate delivery while the first worker is at it: nothing
    job.refresh_from_db()
    assert job.state == JobState.RUNNING and job.attempts == 1
    run(str(job.pk), redelivered=True)  # RabbitMQ: the first worker's connection dropped
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 2


def test_a_job_that_lost_its_worker_too_often_fails_with_a_message(world: World) -> None:
    job = _left_running(world, timedelta(hours=2), attempts=JOB_ATTEMPTS)
    run(str(job.pk))
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.attempts == JOB_ATTEMPTS
    assert "途中で止まりました" in job.message and job.content is None
