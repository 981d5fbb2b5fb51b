"""TOTP codes for the tests, computed from an authenticator's secret with allauth's own
functions (the library's, not ours), so the tests type what an authenticator app would show."""

from __future__ import annotations

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value


def code(secret: str, step: int = 0) -> str:
    """The code shown now (`step` 0) or one period before/after (allowed: tolerance 1)."""
    counter = int(time.time()) // app_settings.TOTP_PERIOD + step
    return format_hotp_value(hotp_value(secret, counter))
