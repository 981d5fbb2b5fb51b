"""The test SMTP server is real: Django's SMTP backend delivers to it over the loopback."""

from __future__ import annotations

from email.message import EmailMessage

from django.core.mail import send_mail


def test_a_message_arrives_over_smtp(smtp_outbox: list[EmailMessage]) -> None:
    send_mail("件名", "本文です。", "teichaku@example.org", ["someone@example.org"])
    (message,) = smtp_outbox
    assert message["To"] == "someone@example.org"
    assert message["Subject"] == "件名"
    assert "本文です。" in message.get_body().get_content()  # type: ignore[union-attr]
