"""The settings read the environment in one place, refuse bad values loudly and write
nothing on import; the local state is made by `prepare()` when something starts."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[2]
CLEARED = (
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "TRUSTED_PROXIES",
    "TEICHAKU_FORM_RATE",
    "TEICHAKU_BASE_URL",
    "TEICHAKU_MAX_UPLOAD_MB",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
)


def _settings_in_a_new_process(
    var: Path, code: str = "", **environment: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(TEICHAKU_VAR=str(var), PYTHONPATH=str(ROOT / "src"), **environment)
    program = "import json\nfrom teichaku.web import settings as s\n" + code
    return subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("SECURE_COOKIES", "2"),
        ("CONN_MAX_AGE", "a minute"),
        ("SESSION_IDLE_TIMEOUT", "-5"),
        ("TEICHAKU_FORM_RATE", "lots"),
        ("TEICHAKU_FORM_RATE", "0/60"),
        ("TEICHAKU_MAX_UPLOAD_MB", "0"),
        ("TRUSTED_PROXIES", "10.0.0.1,proxy.local"),
        ("TEICHAKU_BASE_URL", "survey.example.org"),
        ("SECURE_HSTS_SECONDS", "1y"),
        ("LOG_LEVEL", "loud"),
        ("AXES_ADDRESS_FAILURE_LIMIT", "many"),
    ],
)
def test_a_bad_value_stops_the_settings_naming_it(tmp_path: Path, name: str, value: str) -> None:
    done = _settings_in_a_new_process(tmp_path / "var", **{name: value})
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert f"環境変数 {name} の値" in done.stderr and repr(value.split(",")[-1]) in done.stderr


def test_values_are_read_into_the_settings(tmp_path: Path) -> None:
    done = _settings_in_a_new_process(
        tmp_path / "var",
        "print(json.dumps([s.DEBUG, s.TEICHAKU_FORM_RATE, s.TEICHAKU_BASE_URL,"
        " s.TEICHAKU_MAX_UPLOAD_MB, [str(n) for n in s.TRUSTED_PROXIES],"
        " s.SECURE_HSTS_SECONDS, s.DATABASES['default']['OPTIONS']]))",
        DEBUG="off",
        SECURE_COOKIES="yes",
        TEICHAKU_FORM_RATE="40/120",
        TEICHAKU_BASE_URL="https://survey.example.org/",
        TEICHAKU_MAX_UPLOAD_MB="80",
        TRUSTED_PROXIES="10.0.0.1, 192.168.0.0/24",
    )
    assert done.returncode == 0, done.stderr
    debug, form_rate, base, upload, proxies, hsts, sqlite = json.loads(done.stdout)
    assert (debug, form_rate, base, upload) == (False, "40/120", "https://survey.example.org", 80)
    assert proxies == ["10.0.0.1/32", "192.168.0.0/24"]
    assert hsts == 365 * 24 * 60 * 60  # HTTPS cookies bring HSTS unless told otherwise
    assert (
        sqlite["transaction_mode"] == "IMMEDIATE" and "journal_mode=WAL" in sqlite["init_command"]
    )


def test_importing_the_settings_writes_nothing_and_prepare_keeps_one_key(tmp_path: Path) -> None:
    var = tmp_path / "var"
    done = _settings_in_a_new_process(var, "print(s.SECRET_KEY)")
    assert done.returncode == 0, done.stderr
    assert not var.exists()  # no folder, no key file, no static folder
    prepared = _settings_in_a_new_process(
        var, "from teichaku.web.local_state import prepare\nprepare()\nprint(s.SECRET_KEY)"
    )
    assert prepared.returncode == 0, prepared.stderr
    key_file = var / "secret_key"
    assert key_file.read_text() == prepared.stdout.strip()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert (var / "static").is_dir()
    again = _settings_in_a_new_process(var, "print(s.SECRET_KEY)")
    assert again.stdout.strip() == prepared.stdout.strip()


def test_the_settings_docstring_lists_every_variable_they_read() -> None:
    source = (ROOT / "src/teichaku/web/settings.py").read_text()
    doc = source.split('"""')[1]
    import re

    read = set(re.findall(r'_(?:text|flag|int|list|rate|networks|choice)\("([A-Z_]+)"', source))
    assert read and all(f"\n{name} " in doc for name in read), read


def test_the_environment_is_read_only_through_the_settings_readers() -> None:
    """`os.environ` appears only inside the `_text`/`_flag`/… readers, which check values."""
    import ast

    tree = ast.parse((ROOT / "src/teichaku/web/settings.py").read_text())
    readers = [f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name.startswith("_")]
    inside = {id(n) for f in readers for n in ast.walk(f)}
    outside = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "environ" and id(node) not in inside
    ]
    assert not outside, f"os.environ read outside the readers on lines {outside}"


@override_settings(SECURE_HSTS_SECONDS=3600)
def test_hsts_header_when_configured(client: Client) -> None:
    assert client.get("/accounts/login/")["Strict-Transport-Security"] == "max-age=3600"


def test_no_hsts_header_by_default(client: Client) -> None:
    assert "Strict-Transport-Security" not in client.get("/accounts/login/")


def test_make_test_refuses_a_model_change_without_its_migration() -> None:
    done = subprocess.run(
        ["make", "-n", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "manage makemigrations --check --dry-run" in done.stdout


@pytest.mark.django_db
def test_session_cookie_flags(tmp_path: Path, client: Client, django_user_model: Any) -> None:
    """HttpOnly and SameSite=Lax always; Secure (session and CSRF) with SECURE_COOKIES=1."""
    django_user_model.objects.create_user("cookie-user", password="a long pass phrase 1")
    client.post("/accounts/login/", {"login": "cookie-user", "password": "a long pass phrase 1"})
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["secure"]
    done = _settings_in_a_new_process(
        tmp_path / "var",
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE]))",
        SECURE_COOKIES="1",
    )
    assert json.loads(done.stdout) == [True, True], done.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://user:pass@mail.example.org:587/?tls=True",
            {
                "TEICHAKU_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "user",
                "EMAIL_HOST_PASSWORD": "pass",
                "EMAIL_USE_TLS": True,
            },
        ),
        ("console:", {"TEICHAKU_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "file:///srv/teichaku/mail",
            {
                "TEICHAKU_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": "/srv/teichaku/mail",
            },
        ),
    ],
)
def test_email_url_configures_the_backend(
    tmp_path: Path, url: str, expected: dict[str, Any]
) -> None:
    names = json.dumps(sorted(expected))
    done = _settings_in_a_new_process(
        tmp_path / "var",
        f"print(json.dumps({{n: getattr(s, n) for n in {names}}}))",
        EMAIL_URL=url,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == expected


def test_email_defaults_to_a_folder_under_var_and_a_local_sender(tmp_path: Path) -> None:
    env = {"EMAIL_URL": "", "DEFAULT_FROM_EMAIL": ""}
    code = "print(json.dumps([s.TEICHAKU_EMAIL_BACKEND, s.EMAIL_FILE_PATH, s.DEFAULT_FROM_EMAIL]))"
    done = _settings_in_a_new_process(tmp_path / "var", code, **env)
    assert done.returncode == 0, done.stderr
    backend, folder, sender = json.loads(done.stdout)
    assert backend.endswith("filebased.EmailBackend")
    assert folder == str((tmp_path / "var" / "mail").resolve())
    assert sender == "teichaku@localhost"


@pytest.mark.parametrize("url", ["pigeon://loft", "file://relative/mail", "mail.example.org"])
def test_a_bad_email_url_stops_the_settings(tmp_path: Path, url: str) -> None:
    done = _settings_in_a_new_process(tmp_path / "var", EMAIL_URL=url)
    assert done.returncode != 0
    assert "環境変数 EMAIL_URL の値" in done.stderr


def test_serve_names_the_newest_saved_message(tmp_path: Path) -> None:
    from django.core.mail import send_mail

    from teichaku.web.mailbox import mail_notice

    folder = tmp_path / "mail"
    backend = "django.core.mail.backends.filebased.EmailBackend"
    with override_settings(EMAIL_BACKEND=backend, EMAIL_FILE_PATH=str(folder)):
        assert mail_notice() is not None and "なし / none yet" in (mail_notice() or "")
        send_mail("件名", "本文", "teichaku@localhost", ["a@example.org"])
        [saved] = folder.iterdir()
        notice = mail_notice() or ""
    assert "最新のメール / newest e-mail" in notice and str(saved) in notice
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend"):
        assert mail_notice() is None
