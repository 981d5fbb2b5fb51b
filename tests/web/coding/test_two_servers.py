"""Stateless application servers: two gunicorn servers on two ports sharing one PostgreSQL
and one Redis, with a real `teichaku worker`.

- a respondent moves between the servers page by page and one answer is stored;
- a coder's suggestions come from a model fitted by the worker, served by the other server;
- a download started on one server is fetched from the other.

Runs in CI's PostgreSQL pass (the servers and the worker share the test's database).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection
from surveys.conftest import full_answer

from teichaku.cli.web import gunicorn_command
from teichaku.web.coding.models import AnswerItem
from teichaku.web.jobs.models import Job
from teichaku.web.surveys import services
from teichaku.web.surveys.models import Submission

from .conftest import World, client_for, codings_csv
from .test_coding_views import Q14, create, upload_codings

pytestmark = pytest.mark.slow
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
PAGE = re.compile(r'name="page" value="(\d+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Browser:
    """One visitor's cookies, sent to whichever server it asks (as behind a load balancer)."""

    jar: http.cookiejar.CookieJar

    def open(self, url: str, data: dict[str, Any] | None = None) -> tuple[int, str, str]:
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)
        if data is not None:
            request.add_header("Referer", url)
        try:
            with opener.open(request, timeout=60) as response:
                return (
                    response.status,
                    response.read().decode(),
                    response.headers.get("Location", ""),
                )
        except urllib.error.HTTPError as error:
            return (
                error.code,
                error.read().decode(errors="replace"),
                error.headers.get("Location", ""),
            )

    def cookie(self, name: str) -> str:
        return next(c.value for c in self.jar if c.name == name and c.value is not None)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@pytest.fixture
def two_servers(job_worker: str, tmp_path: Path) -> Iterator[list[str]]:
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "REDIS_URL": job_worker,
        "SECRET_KEY": django_settings.SECRET_KEY,
        "TEICHAKU_VAR": str(tmp_path),
        "TEICHAKU_SYNC_FIT_LIMIT": "10",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            gunicorn_command("teichaku.web.wsgi:application", f"127.0.0.1:{port}", 1, 2),
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/readyz", timeout=5) as ready:
                        if ready.status == 200:
                            break
                except OSError:
                    pass
                assert time.monotonic() < deadline, f"{url} never became ready"
                time.sleep(0.5)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def signed_in(user: Any) -> Browser:
    """A browser holding a session made in the shared database (both servers know it)."""
    client = client_for(user)
    jar = http.cookiejar.CookieJar()
    session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    jar.set_cookie(_cookie(django_settings.SESSION_COOKIE_NAME, session))
    return Browser(jar)


def _cookie(name: str, value: str) -> http.cookiejar.Cookie:
    return http.cookiejar.Cookie(
        0, name, value, None, False, "127.0.0.1", False, False, "/", True, False, None,
        False, None, None, {},
    )  # fmt: skip


def wait_for_job(job: Job) -> Job:
    deadline = time.monotonic() + 120
    while not job.finished and time.monotonic() < deadline:
        time.sleep(0.5)
        job.refresh_from_db()
    assert job.finished, "the job never finished"
    return job


def test_two_servers_serve_one_site(world: World, two_servers: list[str]) -> None:
    a, b = two_servers

    # A respondent: consent on A, then each page on the other server.
    survey = services.create_survey(world.team_a, world.owner, builtin="retention-challenges-2024")
    respondent = Browser(http.cookiejar.CookieJar())
    status, html, _ = respondent.open(f"{a}/s/{survey.token}/")
    assert status == 200
    csrf = CSRF.search(html)
    assert csrf is not None
    status, html, _ = respondent.open(
        f"{b}/s/{survey.token}/", {"consent": "yes", "csrfmiddlewaretoken": csrf.group(1)}
    )
    assert status == 200, html[:500]
    token = FORM_TOKEN.search(html)
    assert token is not None
    answers = full_answer(**{"a-q01_securing_users": "5"})
    servers = [a, b]
    for step in range(12):
        page = PAGE.search(html)
        csrf = CSRF.search(html)
        assert page is not None and csrf is not None, html[:800]
        status, html, location = respondent.open(
            f"{servers[step % 2]}/s/{survey.token}/answer/",
            {
                **answers,
                "form_token": token.group(1),
                "page": page.group(1),
                "nav": "next",
                "csrfmiddlewaretoken": csrf.group(1),
            },
        )
        if status == 303:
            break
        assert status == 200 and "error-summary" not in html, html[:2000]
    assert status == 303 and "/thanks/" in location
    stored = Submission.objects.get(survey=survey)
    assert stored.answers["q01_securing_users"] == "5"

    # A download started on A is fetched from B.
    viewer = signed_in(world.viewer)
    _, html, _ = viewer.open(f"{a}/desk/{survey.token}/")
    csrf = CSRF.search(html)
    assert csrf is not None
    status, _, location = viewer.open(
        f"{a}/desk/{survey.token}/exports/data.csv", {"csrfmiddlewaretoken": csrf.group(1)}
    )
    assert status == 302 and location.startswith("/jobs/")
    job = wait_for_job(Job.objects.get(kind="survey_export"))
    status, html, _ = viewer.open(f"{b}{location}")
    assert status == 200 and "完了" in html
    status, body, _ = viewer.open(f"{b}{location}file")
    direct = b"".join(
        client_for(world.viewer).get(f"/desk/{survey.token}/download/data.csv").streaming_content
    )
    assert status == 200 and body.encode() == direct == bytes(job.content or b"")

    # A coder's suggestions: asked on A (a worker fits), served by B from the stored model.
    project = create(world)
    upload_codings(world.analyst, project, codings_csv(Q14))
    target = AnswerItem.objects.filter(project=project, text__contains="マッチング").first()
    assert target is not None
    coder = signed_in(world.analyst)
    _, first, _ = coder.open(f"{a}/coding/{project.token}/answer/{target.position}/")
    assert "学習による候補を更新中です" in first
    wait_for_job(Job.objects.get(kind="coding_refit"))
    _, second, _ = coder.open(f"{b}/coding/{project.token}/answer/{target.position}/")
    assert "学習による候補を更新中です" not in second and "学習: " in second
    assert Job.objects.filter(kind="coding_refit").count() == 1
