"""Every e-mail leaves through the job queue (`teichaku.web.mail.QueuedEmailBackend`): sent
once the sender's transaction commits, by the backend EMAIL_URL names, to a real SMTP server
on the loopback (aiosmtpd); in this process without a broker, on `teichaku worker` with Redis
(CI's PostgreSQL pass). A server that says "try later" gets the message again; a final "no"
is not asked twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse
from smtp_server import SmtpServer  # tests/web is on sys.path

from teichaku.web.mail import QUEUED, carried, rebuilt, retry_delay
from teichaku.web.mailbox import mail_notice

pytestmark = pytest.mark.django_db  # on_commit asks the database whether it is in a transaction

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def _queued_to(server: SmtpServer, settings: Any) -> None:
    """This process queues its mail; the queue's task delivers it to ``server``."""
    server.use_in(settings)
    settings.TEICHAKU_EMAIL_BACKEND = SMTP
    settings.EMAIL_BACKEND = QUEUED


def _message() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        "調査へのご協力のお願い",
        "本文です。\nよろしくお願いします。",
        "teichaku@example.org",
        ["hanako@example.org"],
        bcc=["audit@example.org"],
        cc=["taro@example.org"],
        reply_to=["desk@example.org"],
        headers={"X-Teichaku-Kind": "invitation"},
    )
    message.attach_alternative("<p>本文です。</p>", "text/html")
    message.attach("表.csv", "列,値\nA,1\n", "text/csv")
    message.attach("data.bin", bytes(range(256)), "application/octet-stream")
    return message


def test_a_message_is_queued_until_the_commit_and_arrives_whole(settings: Any) -> None:
    with SmtpServer() as server:
        _queued_to(server, settings)
        with TestCase.captureOnCommitCallbacks(execute=True):
            assert _message().send() == 1
            assert server.attempts == 0  # not before the sender's transaction commits
        [got] = server.received
    assert got["Subject"] == "調査へのご協力のお願い"
    assert got["From"] == "teichaku@example.org" and got["To"] == "hanako@example.org"
    assert got["Cc"] == "taro@example.org" and got["Reply-To"] == "desk@example.org"
    assert got["Bcc"] is None and "audit@example.org" in server.recipients[0]  # envelope only
    assert got["X-Teichaku-Kind"] == "invitation"
    assert "よろしくお願いします。" in got.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "<p>本文です。</p>" in got.get_body(("html",)).get_content()  # type: ignore[union-attr]
    files = {part.get_filename(): part.get_content() for part in got.iter_attachments()}  # type: ignore[attr-defined]
    assert files["表.csv"].replace("\r\n", "\n") == "列,値\nA,1\n"  # SMTP's line ends
    assert files["data.bin"] == bytes(range(256))


def test_a_rolled_back_transaction_sends_nothing(settings: Any) -> None:
    with SmtpServer() as server:
        _queued_to(server, settings)
        with (
            TestCase.captureOnCommitCallbacks(execute=True),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            send_mail("件名", "本文", "teichaku@example.org", ["a@example.org"])
            raise RuntimeError("the invitation was not saved")
    assert server.attempts == 0 and server.received == []


def test_the_json_carries_the_message_unchanged() -> None:
    message = _message()
    again = rebuilt(carried(message) or {})
    assert again.message().as_bytes().split(b"\n\n", 1)[1].count(b"--") == (
        message.message().as_bytes().split(b"\n\n", 1)[1].count(b"--")
    )
    for field in ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to"):
        assert getattr(again, field) == getattr(message, field)
    assert again.extra_headers == message.extra_headers
    assert [tuple(a) for a in again.attachments] == [tuple(a) for a in message.attachments]
    assert [tuple(a) for a in again.alternatives] == [tuple(a) for a in message.alternatives]


def test_allauths_password_reset_mail_goes_through_the_queue(client: Client, settings: Any) -> None:
    get_user_model().objects.create_user("hanako", "hanako@example.org", "Old-pass-word-1")
    with SmtpServer() as server:
        _queued_to(server, settings)
        with TestCase.captureOnCommitCallbacks(execute=True) as queued:
            asked = client.post(reverse("account_reset_password"), {"email": "hanako@example.org"})
        assert asked.status_code == 302
        assert len(queued) == 1  # one message, one task
        [got] = server.received
    assert got["To"] == "hanako@example.org" and "パスワードの再設定" in got["Subject"]


def test_a_server_that_says_try_later_gets_the_message_again(settings: Any) -> None:
    """Without a broker the retries follow at once (Celery runs an eager task's retry in
    place); on a worker they wait TEICHAKU_MAIL_RETRY_SECONDS (the worker test below)."""
    busy = "451 4.3.0 Try again later"
    with SmtpServer([busy, busy]) as server:
        _queued_to(server, settings)
        with TestCase.captureOnCommitCallbacks(execute=True):
            send_mail("件名", "本文", "teichaku@example.org", ["a@example.org"])
    assert server.attempts == 3 and len(server.received) == 1


def test_a_final_refusal_is_not_asked_twice_and_the_log_names_no_address(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with SmtpServer(["550 5.1.1 No such user"]) as server:
        _queued_to(server, settings)
        with caplog.at_level(logging.INFO), TestCase.captureOnCommitCallbacks(execute=True):
            send_mail("秘密の件名", "本文", "teichaku@example.org", ["hanako@example.org"])
    assert server.attempts == 1 and server.received == []
    ours = "\n".join(  # the app's and Celery's log; not the test server's own (mail.log)
        record.getMessage() for record in caplog.records if record.name != "mail.log"
    )
    assert "not delivered after 1 tries" in ours
    assert "hanako" not in ours and "秘密の件名" not in ours


def test_a_server_that_never_answers_is_tried_as_often_as_the_schedule_says(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with SmtpServer() as server:  # a port where nothing listens once it is stopped
        pass
    _queued_to(server, settings)
    settings.TEICHAKU_MAIL_RETRY_SECONDS = (1, 1, 1)
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [1, 1, 1, None]
    with caplog.at_level(logging.WARNING), TestCase.captureOnCommitCallbacks(execute=True):
        send_mail("件名", "本文", "teichaku@example.org", ["a@example.org"])  # no exception
    assert caplog.text.count("failed; again in 1s") == 3
    assert "not delivered after 4 tries" in caplog.text


def test_the_default_schedule_spans_six_tries(settings: Any) -> None:
    assert settings.TEICHAKU_MAIL_RETRY_SECONDS == (30, 120, 600, 1800, 3600)
    assert sum(settings.TEICHAKU_MAIL_RETRY_SECONDS) == 6150  # about 1.7 hours


def test_without_a_mail_server_the_queue_writes_to_the_folder(
    settings: Any, tmp_path: Path
) -> None:
    """`make run`: no broker, EMAIL_URL's default file:// — the message is in var/mail/."""
    settings.EMAIL_BACKEND = QUEUED
    settings.TEICHAKU_EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    with TestCase.captureOnCommitCallbacks(execute=True):
        send_mail("件名", "保存される本文", "teichaku@example.org", ["a@example.org"])
    [saved] = tmp_path.iterdir()
    assert "Subject: =?utf-8?" in saved.read_text() and "a@example.org" in saved.read_text()
    assert str(saved) in (mail_notice() or "")


# --- on a real worker (PostgreSQL + Redis) --------------------------------------------------


@pytest.fixture
def worker_smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpServer]:
    """A server busy for the first message; the worker (started after this) delivers to it
    and retries after one second."""
    with SmtpServer(["421 4.3.2 Service not available, try later"]) as server:
        monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{server.port}")
        monkeypatch.setenv("TEICHAKU_MAIL_RETRY_SECONDS", "1,1,1")
        yield server


def test_a_worker_sends_the_mail_and_retries_it(
    worker_smtp: SmtpServer, job_worker: str, settings: Any
) -> None:
    # This process queues only; had it sent the message itself, it would be in Django's
    # test outbox (locmem), never on the server.
    settings.EMAIL_BACKEND = QUEUED
    settings.TEICHAKU_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_mail("ワーカーから", "本文", "teichaku@example.org", ["a@example.org"])
    deadline = time.monotonic() + 60
    while not worker_smtp.received and time.monotonic() < deadline:
        time.sleep(0.2)
    from django.core import mail

    assert [m["Subject"] for m in worker_smtp.received] == ["ワーカーから"]
    assert worker_smtp.attempts == 2  # "try later", then delivered
    assert not getattr(mail, "outbox", [])
