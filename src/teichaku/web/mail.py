"""The e-mails the app sends: Japanese first, English below, plain text.

Subject and body come from templates in `web/templates/mail/`; Django's mail backend
(EMAIL_URL) delivers them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
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
