"""A real SMTP server on the loopback for the mail tests (used by the `smtp_outbox` fixture)."""

from __future__ import annotations

import email
import email.policy
import socket
from email.message import EmailMessage
from typing import Any


class SmtpServer:
    """A real SMTP server (aiosmtpd) on the loopback. ``replies`` are its answers to the
    first messages' DATA ("451 …" to say "try later"), 250 after them; ``received`` holds
    the messages it took, parsed, ``recipients`` their envelopes' RCPT TO, ``attempts`` the
    number of messages offered."""

    def __init__(self, replies: list[str] | None = None) -> None:
        from aiosmtpd.controller import Controller

        self.replies = list(replies or [])
        self.received: list[EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.attempts = 0
        server = self

        class Handler:
            async def handle_DATA(self, smtp: Any, session: Any, envelope: Any) -> str:
                server.attempts += 1
                if server.replies:
                    return server.replies.pop(0)
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                server.received.append(message)  # type: ignore[arg-type]
                server.recipients.append(list(envelope.rcpt_tos))
                return "250 OK"

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    def use_in(self, settings: Any) -> None:
        """Django's SMTP backend delivers to this server."""
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", self.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
