"""Response imports as background jobs: the upload kept in the job's row (no server's disk),
imported by the job in one transaction, its summary or refused values on the job's page;
in-process without a broker, on a real worker with Redis (CI's PostgreSQL pass).
"""

from __future__ import annotations

import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from through_jobs import post_through_job  # tests/web is on sys.path

from teichaku.web.accounts.models import Membership, Role
from teichaku.web.jobs.models import Job, JobState
from teichaku.web.surveys.models import ImportBatch, Submission

from .conftest import World, client_for

HEADER = (
    "response_id,affiliation,operating_body,role,q01_securing_users,q02_service_constraints,"
    "monitoring_methods\n"
)
GOOD = HEADER + "X1,retention_support,npo,support_worker,7,6,phone\n"
GOOD += "X2,government,npo,administrator,1,2,\n"
BAD = HEADER + "Y1,retention_support,npo,support_worker,9,6,phone\n"


def _url(world: World) -> str:
    return f"/desk/{world.survey.token}/import/"


def test_the_upload_waits_in_the_jobs_row_and_is_dropped_when_done(world: World) -> None:
    client = client_for(world.analyst)
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        started = client.post(_url(world), {"file": SimpleUploadedFile("回答.csv", GOOD.encode())})
    job = Job.objects.get()
    assert started.status_code == 302 and started["Location"] == f"/jobs/{job.pk}/"
    assert world.survey.token not in started["Location"]
    assert job.state == JobState.QUEUED and bytes(job.upload or b"") == GOOD.encode()
    assert job.upload_name == "回答.csv" and job.owner == world.analyst
    assert not Submission.objects.exists()  # nothing before the job runs
    waiting = client.get(started["Location"]).content.decode()
    assert "待機中" in waiting and 'hx-trigger="every 2s"' in waiting
    for callback in queued:
        callback()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.upload is None
    assert job.result["new"] == 2 and job.result["already"] == 0 and job.result["refused"] == []
    page = client.get(started["Location"]).content.decode()
    assert "新規 2 件、既存 0 件、取り込まなかった 0 件" in page
    assert f'/desk/{world.survey.token}/"' in page  # to the results
    assert ImportBatch.objects.get().filename == "回答.csv"


def test_a_refused_file_stores_nothing_and_the_page_names_row_column_value(world: World) -> None:
    page = post_through_job(
        client_for(world.analyst), _url(world), {"file": SimpleUploadedFile("b.csv", BAD.encode())}
    )
    html = page.content.decode()
    assert "失敗" in html and "「b.csv」に読めない値が 1 件あります" in html
    assert '<td class="num">2</td><td>q01_securing_users</td><td>9</td>' in html
    assert f"/desk/{world.survey.token}/import/" in html  # try again
    job = Job.objects.get()
    assert job.state == JobState.FAILED and job.upload is None
    assert not Submission.objects.exists() and not ImportBatch.objects.exists()


def test_an_import_job_is_its_owners_alone(world: World) -> None:
    post_through_job(
        client_for(world.analyst), _url(world), {"file": SimpleUploadedFile("a.csv", b"x")}
    )
    job = Job.objects.get()
    for stranger in (world.owner, world.viewer, world.outsider):
        assert client_for(stranger).get(f"/jobs/{job.pk}/").status_code == 404
    assert client_for(world.outsider).post(_url(world)).status_code == 404
    assert client_for(world.viewer).post(_url(world)).status_code == 403


def test_a_job_whose_owner_lost_the_right_to_import_stores_nothing(world: World) -> None:
    client = client_for(world.analyst)
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        client.post(_url(world), {"file": SimpleUploadedFile("a.csv", GOOD.encode())})
    Membership.objects.filter(user=world.analyst).update(role=Role.VIEWER)
    for callback in queued:
        callback()
    job = Job.objects.get()
    assert job.state == JobState.FAILED and "取り込めません" in job.message
    assert not Submission.objects.exists()


# --- a real worker on Redis (CI's PostgreSQL pass) -----------------------------------------


def test_a_worker_on_redis_imports_the_file(world: World, job_worker: str) -> None:
    client = client_for(world.analyst)
    started = client.post(_url(world), {"file": SimpleUploadedFile("a.csv", GOOD.encode())})
    job = Job.objects.get()
    deadline = time.monotonic() + 120
    while not job.finished and time.monotonic() < deadline:
        time.sleep(0.5)
        job.refresh_from_db()
    assert job.state == JobState.DONE, job.message
    assert job.attempts == 1 and job.upload is None
    assert Submission.objects.filter(survey=world.survey, origin="import").count() == 2
    assert "新規 2 件、既存 0 件" in client.get(started["Location"]).content.decode()
    assert Client().get(started["Location"]).status_code == 302  # to the login page
