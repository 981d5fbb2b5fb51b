"""Two-factor authentication (allauth.mfa, TOTP with recovery codes): who has it, and whether
this session passed it.

allauth asks for the code at login when the person has an authenticator, and keeps a record
of each way the session authenticated (`get_authentication_records`, allauth's documented
read-only view of them). "Passed" means a record with method "mfa": the login step, the
re-authentication page (`mfa_reauthenticate`, for a session that began before TOTP was
enrolled), or the enrolment itself (the code typed to activate it counts; see below).
"""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver
from django.http import HttpRequest

MFA = "mfa"


def has_totp(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )


def passed_mfa(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == MFA for record in records)


@receiver(authenticator_added)
def enrolment_counts_as_passing(
    sender: Any, request: HttpRequest, user: Any, authenticator: Authenticator, **kwargs: Any
) -> None:
    """Activating TOTP takes a valid code from the new app: this session has passed it."""
    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, MFA, type=authenticator.type, enrolled=True)
