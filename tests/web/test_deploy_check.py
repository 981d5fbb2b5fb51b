"""`teichaku check`: Django's deploy checks against the environment, failing on any warning.

The production environment of docs/deploy.md passes; a development environment fails and
names what is missing.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

PRODUCTION = {
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "ALLOWED_HOSTS": "teichaku.example.jp",
    "TRUSTED_PROXIES": "10.0.0.0/8",
}


def check(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests' fixture in this process, never
        # in a deployment (Django's async.E001).
        if not key.startswith(
            ("SECURE_", "DEBUG", "ALLOWED_HOSTS", "DJANGO_SETTINGS", "DJANGO_ALLOW_ASYNC_UNSAFE")
        )
    }
    environment.update(
        TEICHAKU_VAR=str(tmp_path), SECRET_KEY=secrets.token_urlsafe(50), **variables
    )
    return subprocess.run(
        [sys.executable, "-m", "teichaku.cli", "check"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_production_environment_passes(tmp_path: Path) -> None:
    finished = check(tmp_path, **PRODUCTION)
    assert finished.returncode == 0, finished.stderr
    assert "no issues" in finished.stdout


def test_the_documented_production_environment_is_in_the_docs() -> None:
    deploy = (Path(__file__).resolve().parents[2] / "docs" / "deploy.md").read_text("utf-8")
    for name, value in PRODUCTION.items():
        if name not in ("ALLOWED_HOSTS", "TRUSTED_PROXIES"):
            assert f"{name}={value}" in deploy


def test_a_development_environment_fails_naming_each_warning(tmp_path: Path) -> None:
    finished = check(tmp_path)
    assert finished.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in finished.stderr


def test_one_missing_setting_is_enough_to_fail(tmp_path: Path) -> None:
    production_without_preload = {k: v for k, v in PRODUCTION.items() if k != "SECURE_HSTS_PRELOAD"}
    finished = check(tmp_path, **production_without_preload)
    assert finished.returncode != 0
    assert "security.W021" in finished.stderr
