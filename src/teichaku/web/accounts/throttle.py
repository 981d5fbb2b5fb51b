"""Login throttling: django-axes locks one user name from one address after a few failures;
this handler adds a per-address limit, so spraying many user names from one address stops.

The address count sums axes' own failure records from that address within the cool-off time.
A successful login resets only that user's record, so an attacker who owns one account cannot
clear the address count by signing in between guesses.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def address_failures(request: HttpRequest) -> int:
    """Failed logins from this request's address, for any user name, within the cool-off."""
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    recent = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
    )
    total = recent.aggregate(total=Sum("failures_since_start"))["total"]
    return int(total or 0)


class AddressLimitHandler(AxesDatabaseHandler):  # type: ignore[misc]
    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        """Record as axes does; past the address limit, answer with the lockout page."""
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is not None and address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
