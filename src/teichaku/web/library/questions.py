"""Readers ask a published case's author a question through the site.

The question goes by e-mail to the author office's staff — the person who wrote the case,
if still a writer of that office, and the office's 管理者 — with Reply-To the reader's
address. The reader never sees the staff's addresses; the staff see the reader's only
because the reader gave it. Each question is kept (`AuthorQuestion`: which case, when, from
which address hash); logs name the case and the number of recipients, never the reader.
Limited per client address with the survey forms' rate counter (`surveys.rate`)."""

from __future__ import annotations

import logging
import smtplib

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from teichaku.web import mail
from teichaku.web.library.models import AuthorQuestion, PracticeCase, State
from teichaku.web.offices.audit import client_address, origin_hash
from teichaku.web.offices.models import Role, StaffMembership
from teichaku.web.offices.permissions import Action, may
from teichaku.web.surveys import rate

log = logging.getLogger(__name__)

# Questions per client address in one slot of TEICHAKU_FORM_RATE (10 minutes by default).
QUESTIONS_PER_SLOT = 3
RATE_SCOPE = "practice-question"


class NotSent(Exception):
    """The question could not be relayed; the message is for the reader."""


def recipients(case: PracticeCase) -> list[str]:
    """The staff's addresses: the case's writer (still a writer of the office) and the
    office's 管理者; none for an imported case or a closed office."""
    office = case.office
    if case.state != State.PUBLISHED or office is None or office.closed_at:
        return []
    first = case.versions.order_by("number").first()
    writer = first.saved_by_id if first else None
    addresses = set()
    for member in StaffMembership.objects.filter(office=office).select_related("user"):
        user = member.user
        wrote = user.pk == writer and may(member.role, Action.WRITE_REPORT)
        if user.is_active and user.email and (wrote or member.role == Role.ADMIN):
            addresses.add(user.email)
    return sorted(addresses)


def allowed(request: HttpRequest) -> bool:
    """Count one question of this client; False past the limit."""
    return rate.allow(request, RATE_SCOPE, QUESTIONS_PER_SLOT)


def relay(request: HttpRequest, case: PracticeCase, name: str, reply_to: str, body: str) -> None:
    """Keep the question and e-mail it to the staff; nothing is kept when sending fails."""
    to = recipients(case)
    if not to:
        raise NotSent(_("この事例の執筆者には質問を送れません。"))
    address = client_address(request)
    context = {
        "title": case.title,
        "url": request.build_absolute_uri(reverse("library:case", args=[case.public_id])),
        "name": name,
        "body": body,
    }
    try:
        with transaction.atomic():
            AuthorQuestion.objects.create(
                case=case,
                name=name,
                reply_to=reply_to,
                body=body,
                origin=origin_hash(address) if address else "",
                recipients=len(to),
            )
            mail.send_practice_question(to, reply_to, context)
    except (smtplib.SMTPException, OSError) as error:
        log.warning("practice question not sent: case=%s error=%s", case.public_id, type(error))
        raise NotSent(_("質問を送れませんでした。時間をおいてもう一度お試しください。")) from error
    log.info("practice question relayed: case=%s recipients=%d", case.public_id, len(to))
