"""`teichaku backup` → a new empty database → `teichaku restore`: the same rows, checked
independently of teichaku (sqlite3 / psycopg read both databases), and a restore into a
database that holds data refuses.

The commands run as subprocesses on database files of their own, as an operator runs them.
The PostgreSQL case runs in CI's PostgreSQL pass (DATABASE_URL=postgres://…).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ANSWERS = (
    "SELECT id, survey_id, response_id, answers, other_texts FROM surveys_submission ORDER BY id"
)
SEED = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'teichaku.web.settings'; "
    "django.setup(); from teichaku.web.demo import seed_demo; list(seed_demo())"
)


def teichaku(database_url: str, var: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATABASE_URL": database_url, "TEICHAKU_VAR": str(var)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "teichaku.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


def seeded(database_url: str, var: Path) -> None:
    migrated = teichaku(database_url, var, "manage", "migrate", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    environment = {**os.environ, "DATABASE_URL": database_url, "TEICHAKU_VAR": str(var)}
    subprocess.run([sys.executable, "-c", SEED], env=environment, check=True, timeout=600)


def sqlite_state(path: Path) -> tuple[dict[str, int], list[tuple[object, ...]]]:
    with sqlite3.connect(path) as database:
        names = [
            row[0]
            for row in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        counts = {
            name: database.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names
        }
        return counts, database.execute(ANSWERS).fetchall()


def test_sqlite_backup_restores_every_row(tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite3"
    seeded(f"sqlite:///{source}", tmp_path / "var")
    made = teichaku(
        f"sqlite:///{source}", tmp_path / "var", "backup", "--out", str(tmp_path / "b.zip")
    )
    assert made.returncode == 0, made.stderr
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        assert sorted(archive.namelist()) == ["database.sqlite3", "manifest.json"]

    target = tmp_path / "target.sqlite3"
    restored = teichaku(f"sqlite:///{target}", tmp_path / "var", "restore", str(tmp_path / "b.zip"))
    assert restored.returncode == 0, restored.stderr

    counts, answers = sqlite_state(source)
    assert sqlite_state(target) == (counts, answers)
    assert counts["surveys_submission"] >= 300  # the demo's survey answers came across
    assert len(answers) == counts["surveys_submission"]


def test_restore_refuses_a_database_with_data(tmp_path: Path) -> None:
    source = tmp_path / "source.sqlite3"
    seeded(f"sqlite:///{source}", tmp_path / "var")
    teichaku(f"sqlite:///{source}", tmp_path / "var", "backup", "--out", str(tmp_path / "b.zip"))
    before = sqlite_state(source)
    refused = teichaku(f"sqlite:///{source}", tmp_path / "var", "restore", str(tmp_path / "b.zip"))
    assert refused.returncode != 0
    assert "空ではありません" in refused.stderr
    assert sqlite_state(source) == before


def test_restore_refuses_what_is_not_a_backup(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.zip"
    with zipfile.ZipFile(bogus, "w") as archive:
        archive.writestr("notes.txt", "hello")
    refused = teichaku(
        f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path / "var", "restore", str(bogus)
    )
    assert refused.returncode != 0
    assert "manifest.json" in refused.stderr


@pytest.fixture
def postgres_databases() -> Iterator[tuple[str, str]]:
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith("postgres"):
        pytest.skip("PostgreSQL backups run in the PostgreSQL pass (DATABASE_URL=postgres://…)")
    import psycopg

    server = configured.rsplit("/", 1)[0]
    names = [f"teichaku_bk_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("src", "dst")]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{names[0]}", f"{server}/{names[1]}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_state(url: str) -> tuple[dict[str, int], list[tuple[object, ...]]]:
    import psycopg

    with psycopg.connect(url) as database:
        names = [
            row[0]
            for row in database.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        counts = {
            name: database.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]  # type: ignore[index]
            for name in names
        }
        return counts, database.execute(ANSWERS).fetchall()


def test_postgresql_backup_restores_every_row(
    tmp_path: Path, postgres_databases: tuple[str, str]
) -> None:
    source, target = postgres_databases
    seeded(source, tmp_path / "var")
    made = teichaku(source, tmp_path / "var", "backup", "--out", str(tmp_path / "p.zip"))
    assert made.returncode == 0, made.stderr
    restored = teichaku(target, tmp_path / "var", "restore", str(tmp_path / "p.zip"))
    assert restored.returncode == 0, restored.stderr
    counts, answers = postgres_state(source)
    assert postgres_state(target) == (counts, answers)
    assert counts["surveys_submission"] >= 300

    again = teichaku(target, tmp_path / "var", "restore", str(tmp_path / "p.zip"))
    assert again.returncode != 0
    assert "空ではありません" in again.stderr
