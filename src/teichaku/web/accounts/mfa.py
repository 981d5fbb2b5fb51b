"""Two-factor authentication (allauth.mfa, TOTP with recovery codes): who has it, and whether
this session passed it.

allauth asks for the code at login when the person has an authenticator, and keeps a record
of each way the session authenticated (`get_authentication_records`, allauth's documented
read-only view of them). "Passed" means a record with method "mfa": the login step, the
re-authentication page (`mfa_reauthenticate`, for a session that began before TOTP was
enrolled), or the enrolment itself (`ActivateTOTPView`: the code typed to activate it counts).
"""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView as AllauthActivateTOTPView
from django.http import HttpRequest, HttpResponse

MFA = "mfa"


def has_totp(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )


def passed_mfa(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == MFA for record in records)


class ActivateTOTPView(AllauthActivateTOTPView):  # type: ignore[misc]
    """allauth's enrolment page (same URL and name); a valid code from the new app is the
    second factor passed for this session, so a 管理者 is not asked for it twice."""

    def form_valid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_valid(form)
        user = self.request.user
        record_authentication(self.request, user, MFA, type="totp", enrolled=True)
        return response
