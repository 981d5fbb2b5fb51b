"""`/healthz` answers without the database; `/readyz` checks the database and the cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from teichaku.web import health


def test_healthz_answers_without_touching_the_database(client: Client) -> None:
    # No django_db mark: any query here would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_ready_with_database_and_cache(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


READYZ_WITH_NO_DATABASE = """
import django, json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "teichaku.web.settings"
django.setup()
from django.test import Client
response = Client().get("/readyz", HTTP_HOST="127.0.0.1")
print(response.status_code, response.content.decode())
"""


def test_readyz_names_the_part_that_failed_and_not_its_error(tmp_path: Path) -> None:
    """A server whose PostgreSQL is not there (nothing listens on port 1) is not ready."""
    environment = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nowhere",
        "TEICHAKU_VAR": str(tmp_path),
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    finished = subprocess.run(
        [sys.executable, "-c", READYZ_WITH_NO_DATABASE],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    status, body = finished.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "cache": "ok"},
    }
    assert "127.0.0.1" not in body


def test_readiness_checks_cover_database_and_cache() -> None:
    assert {"database", "cache"} <= set(health.READINESS_CHECKS)
