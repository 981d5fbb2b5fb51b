"""The local folder (`TEICHAKU_VAR`) and the secret key kept in it, made when a server or a
management command starts, never when the settings are imported.

The settings read `var/secret_key` when it exists; otherwise they hold a key made in memory.
`prepare()` keeps that key in the file (created exclusively, mode 0600), so the process that
made it and every later one agree; a process that lost the race to create the file takes the
winner's key before Django reads its settings.
"""

from __future__ import annotations

import os

SETTINGS = "teichaku.web.settings"


def prepare() -> None:
    """Make the local folder and its static folder; keep the secret key unless it is set."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    if os.environ["DJANGO_SETTINGS_MODULE"] != SETTINGS:
        return
    from teichaku.web import settings

    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise looks there
    if settings.SECRET_KEY_FROM_ENVIRONMENT:
        return
    key_file = settings.SECRET_KEY_FILE
    try:
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        settings.SECRET_KEY = key_file.read_text(encoding="utf-8").strip()
        return
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(settings.SECRET_KEY)
