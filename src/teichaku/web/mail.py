"""The e-mails the app sends, and how every message leaves: through the job queue.

Invitations are Japanese first, English below, plain text; subject and body come from
templates in `web/templates/mail/`.

`QueuedEmailBackend` is Django's EMAIL_BACKEND: every message (ours, allauth's sign-up,
password-reset and security notices, error mails) is written as JSON into the Celery task
`teichaku.send_mail` (`deliver_mail`) once the sender's transaction commits; the task hands
it to the backend EMAIL_URL names (`TEICHAKU_EMAIL_BACKEND`) on a worker, or in this process
without a broker (`make run` still writes each message to var/mail/). A message the mail
server does not take for now (connection refused or lost, a 4xx answer) is tried again after
each of TEICHAKU_MAIL_RETRY_SECONDS; a 5xx answer is final. Logs name no address or subject.
"""

from __future__ import annotations

import base64
import functools
import logging
import smtplib
from collections.abc import Sequence
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from teichaku.web.accounts.names import display_name


def send_invitation(invitation: Any, link: str, place: str) -> None:
    """E-mail `invitation`'s link to its address; `place` names the office or the team."""
    context = {
        "invitation": invitation,
        "link": link,
        "place": place,
        "inviter": display_name(invitation.inviter) if invitation.inviter else "",
        "days": settings.TEICHAKU_INVITATION_DAYS,
    }
    parts = []
    for language in ("ja", "en"):
        with translation.override(language):
            context["role"] = str(invitation.get_role_display())
            parts.append(render_to_string(f"mail/invitation.{language}.txt", context).strip())
    with translation.override("ja"):
        subject = render_to_string("mail/invitation_subject.txt", context).strip()
    message = EmailMultiAlternatives(subject, _joined(parts), to=[invitation.email])
    message.send()


def _joined(parts: list[str]) -> str:
    return "\n\n----------------------------------------\n\n".join(parts) + "\n"


def send_practice_question(to: Sequence[str], reply_to: str, context: dict[str, Any]) -> None:
    """Relay a reader's question about a 実践事例 to the author office's staff (`to`), with
    Reply-To the reader: a reply goes to the reader, who never sees the staff's addresses.
    `context`: title, url, name (may be empty), body."""
    parts = []
    for language in ("ja", "en"):
        with translation.override(language):
            parts.append(
                render_to_string(f"mail/practice_question.{language}.txt", context).strip()
            )
    with translation.override("ja"):
        subject = render_to_string("mail/practice_question_subject.txt", context).strip()
    message = EmailMultiAlternatives(subject, _joined(parts), to=list(to), reply_to=[reply_to])
    message.send()


logger = logging.getLogger(__name__)

QUEUED = "teichaku.web.mail.QueuedEmailBackend"


def delivering_backend() -> str:
    """The backend that hands messages to the mail server (or the folder, or the console)."""
    if settings.EMAIL_BACKEND == QUEUED:
        return str(settings.TEICHAKU_EMAIL_BACKEND)
    return str(settings.EMAIL_BACKEND)


class QueuedEmailBackend(BaseEmailBackend):
    """Django's mail backend for the app: each message queued as its own task."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            payload = carried(message)
            if payload is None:  # a part JSON cannot carry: sent here, now
                with get_connection(delivering_backend(), fail_silently=self.fail_silently) as c:
                    c.send_messages([message])
                continue
            transaction.on_commit(functools.partial(_enqueue, payload))
        return len(email_messages)


def _enqueue(payload: dict[str, Any]) -> None:
    try:
        deliver_mail.delay(payload)
    except Exception:  # the broker does not answer: the message is not lost for that
        logger.warning("mail queue unreachable; sending in this process", exc_info=True)
        deliver_mail.apply(args=(payload,))


def carried(message: EmailMessage) -> dict[str, Any] | None:
    """``message`` as JSON, or None when it has a part other than text and files."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            return None
        name, content, mimetype = attachment
        if isinstance(content, str):
            attachments.append({"name": name, "text": content, "type": mimetype})
        elif isinstance(content, bytes):
            data = base64.b64encode(content).decode("ascii")
            attachments.append({"name": name, "data": data, "type": mimetype})
        else:
            return None
    alternatives = getattr(message, "alternatives", [])
    if not all(isinstance(part[0], str) for part in alternatives):
        return None
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from": str(message.from_email),
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "subtype": message.content_subtype,
        "alternatives": [[content, mimetype] for content, mimetype in alternatives],
        "attachments": attachments,
        "encoding": message.encoding if isinstance(message.encoding, str) else None,
    }


def rebuilt(payload: dict[str, Any]) -> EmailMultiAlternatives:
    """The message `carried` wrote."""
    message = EmailMultiAlternatives(
        payload["subject"],
        payload["body"],
        payload["from"],
        payload["to"],
        bcc=payload["bcc"],
        headers=payload["headers"],
        cc=payload["cc"],
        reply_to=payload["reply_to"],
        alternatives=[tuple(part) for part in payload["alternatives"]],
    )
    message.content_subtype = payload["subtype"]
    if payload["encoding"]:
        message.encoding = payload["encoding"]
    for part in payload["attachments"]:
        content = part["text"] if "text" in part else base64.b64decode(part["data"])
        message.attach(part["name"], content, part["type"])
    return message


def retry_delay(tries_so_far: int) -> int | None:
    """Seconds before the next try after ``tries_so_far`` failed ones; None: no more."""
    schedule = settings.TEICHAKU_MAIL_RETRY_SECONDS
    return schedule[tries_so_far - 1] if tries_so_far <= len(schedule) else None


def _final(error: Exception) -> bool:
    """The server refused for good (5xx), or every recipient was refused."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _text in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


@shared_task(name="teichaku.send_mail", bind=True, ignore_result=True, acks_late=True)
def deliver_mail(task: Any, payload: dict[str, Any]) -> None:
    """One try at handing one message to the delivering backend; the next is queued on a
    failure the server may get over."""
    message = rebuilt(payload)
    try:
        with get_connection(delivering_backend()) as connection:
            connection.send_messages([message])
    except (smtplib.SMTPException, OSError) as error:
        tries = task.request.retries + 1
        delay = None if _final(error) else retry_delay(tries)
        if delay is None:  # the error itself may name an address: not logged
            logger.error("mail task %s: not delivered after %d tries", task.request.id, tries)
            return
        logger.warning("mail task %s: try %d failed; again in %ds", task.request.id, tries, delay)
        raise task.retry(exc=error, countdown=delay, max_retries=None) from error
