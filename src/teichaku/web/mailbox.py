"""Where the e-mail went when no mail server is configured (EMAIL_URL=file:///…, the default:
var/mail/): `teichaku serve` prints the folder and its newest message at start."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from teichaku.web.mail import delivering_backend

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def newest_message() -> Path | None:
    folder = Path(getattr(settings, "EMAIL_FILE_PATH", "") or ".")
    if delivering_backend() != FILE_BACKEND or not folder.is_dir():
        return None
    messages = [path for path in folder.iterdir() if path.suffix == ".log" and path.is_file()]
    return max(messages, key=lambda path: path.stat().st_mtime, default=None)


def mail_notice() -> str | None:
    """One line for the console, or None when e-mail goes to a real server (or the console)."""
    if delivering_backend() != FILE_BACKEND:
        return None
    newest = newest_message()
    where = newest or "なし / none yet"
    folder = getattr(settings, "EMAIL_FILE_PATH", "")
    return (
        f"メールは送らずに保存 / e-mail is saved, not sent: {folder} — "
        f"最新のメール / newest e-mail: {where}"
    )
