"""The desk's downloads as background jobs: in-process without a broker (the embedded
default), on a real Celery worker with Redis when one is configured (CI's PostgreSQL pass).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from teichaku.web.jobs.models import Job, JobState
from teichaku.web.jobs.registry import start
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
    fetched = client.get(f"/jobs/{job.pk}/file")
    assert fetched.status_code == 200
    assert fetched.content == direct
    assert 'filename="data.csv"' in fetched["Content-Disposition"]


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


# --- a real worker on Redis ---------------------------------------------------------------


@pytest.fixture
def worker(transactional_db: None) -> Iterator[dict[str, str]]:
    """`teichaku worker` on Redis, on this test's PostgreSQL database."""
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs a database it can share: CI's PostgreSQL pass")
    import redis

    url = os.environ.get("TEICHAKU_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {url}")
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "REDIS_URL": url,
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "teichaku.cli", "worker", "--concurrency", "1"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield environment
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_worker_on_redis_runs_the_job(
    world: World, worker: dict[str, str], settings: Any
) -> None:
    from teichaku.web.jobs.celery_app import app

    _answer(world)
    app.conf.task_always_eager = False
    app.conf.broker_url = worker["REDIS_URL"]
    try:
        job = start(
            world.viewer, SURVEY_EXPORT, "x", {"survey": world.survey.pk, "kind": "data.csv"}
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.finished:
                break
            time.sleep(0.5)
    finally:
        app.conf.task_always_eager = True
    assert job.state == JobState.DONE, job.message
    assert job.started_at is not None and job.attempts == 1
    direct = client_for(world.viewer).get(f"/desk/{world.survey.token}/download/data.csv")
    assert bytes(job.content or b"") == b"".join(direct.streaming_content)
